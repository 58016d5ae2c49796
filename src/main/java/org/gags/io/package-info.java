/**
 * File outputs shared by the commands, with no dependency on any other gags package: atomic
 * writes, PNG images, NumPy {@code .npy} arrays, and the one SHA-256/SHA-512 helper ({@link
 * org.gags.io.Hashes}).
 */
package org.gags.io;
