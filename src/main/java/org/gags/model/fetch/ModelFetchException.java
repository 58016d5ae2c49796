package org.gags.model.fetch;

/** A model package could not be fetched or did not match its pins; the message says which and why. */
public class ModelFetchException extends RuntimeException {
  public ModelFetchException(String message) {
    super(message);
  }

  public ModelFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
