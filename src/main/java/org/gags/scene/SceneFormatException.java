package org.gags.scene;

/**
 * Bad input in a scene file. The message always names the file, where in it the problem is
 * (element, field or byte offset), what was expected and what was found.
 */
public final class SceneFormatException extends RuntimeException {
  private final String file;
  private final String location;
  private final String expected;
  private final String found;

  public SceneFormatException(String file, String location, String expected, String found) {
    this(file, location, expected, found, null);
  }

  public SceneFormatException(
      String file, String location, String expected, String found, Throwable cause) {
    super(file + ": " + location + ": expected " + expected + ", found " + found, cause);
    this.file = file;
    this.location = location;
    this.expected = expected;
    this.found = found;
  }

  public String file() {
    return file;
  }

  public String location() {
    return location;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
