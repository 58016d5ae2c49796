package org.gags.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a precomputed relevancy map: {@code frame_XXXXX__<category>.npy}, one per frame and
 * query, the category kept as written (spaces included).
 */
public record MapName(int frameNumber, String category) {
  /** The accepted names; the frame number is the one in the label file's {@code info.name}. */
  public static final String PATTERN_TEXT = "frame_XXXXX__<category>.npy";

  private static final Pattern PATTERN = Pattern.compile("frame_(\\d+)__(.+)\\.npy");

  public MapName {
    if (frameNumber < 1 || category == null || category.isEmpty()) {
      throw new IllegalArgumentException("map name needs a frame number >= 1 and a category");
    }
  }

  /**
   * Parses a file name.
   *
   * @throws EvalInputException naming the file when it does not match {@link #PATTERN_TEXT}
   */
  public static MapName parse(String fileName) {
    Matcher m = PATTERN.matcher(fileName);
    int number = -1;
    if (m.matches()) {
      try {
        number = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        number = -1;
      }
    }
    if (number < 1) {
      throw new EvalInputException(
          fileName, "file name", "a map named " + PATTERN_TEXT + " with a frame number >= 1",
          "'" + fileName + "'");
    }
    return new MapName(number, m.group(2));
  }

  /** The file name of this map, with the frame number written in five digits at least. */
  public String fileName() {
    return String.format("frame_%05d__%s.npy", frameNumber, category);
  }
}
