/** File outputs shared by the commands: atomic writes, PNG images and NumPy {@code .npy} arrays. */
package org.gags.io;
