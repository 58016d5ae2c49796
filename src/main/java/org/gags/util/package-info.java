/** Small utilities with no domain knowledge: the fixed-thread parallel loop. */
package org.gags.util;
