/** The {@code gags} command line (picocli): one subcommand per user task, each with --help. */
package org.gags.cli;
