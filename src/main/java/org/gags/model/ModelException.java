package org.gags.model;

/** A model could not be loaded or run; the message names the file and what was wrong. */
public class ModelException extends RuntimeException {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
