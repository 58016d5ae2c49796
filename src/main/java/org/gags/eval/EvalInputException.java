package org.gags.eval;

/**
 * Bad evaluation input: a relevancy map or label file that cannot be scored. The message names the
 * file, the field, what was expected and what was found.
 */
public final class EvalInputException extends RuntimeException {
  public EvalInputException(String file, String field, String expected, String found) {
    super(file + ": " + field + ": expected " + expected + ", found " + found);
  }
}
