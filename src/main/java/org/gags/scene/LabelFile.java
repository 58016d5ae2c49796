package org.gags.scene;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One LERF-OVS label file: the labelled image's name and size, and its annotated objects in file
 * order. Several objects may share a category (their masks are OR-ed, their boxes collected).
 */
public record LabelFile(String name, int width, int height, List<LabelObject> objects) {
  /** Digits at the end of the image name's stem, as in {@code frame_00066.jpg}. */
  private static final Pattern FRAME_NUMBER = Pattern.compile("(\\d+)(\\.[^.]*)?$");

  public LabelFile {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("label file has no image name");
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          name + ": image size must be > 0, found " + width + "x" + height);
    }
    objects = List.copyOf(objects);
  }

  /**
   * The view index this label belongs to: the frame number ending the image name's stem, minus 1
   * ({@code frame_00066.jpg} → 65).
   *
   * @throws IllegalStateException when the name has no frame number ≥ 1 ({@link LabelReader}
   *     refuses such files)
   */
  public int frameIndex() {
    int number = frameNumber(name);
    if (number < 1) {
      throw new IllegalStateException(
          String.format(
              "label image name '%s' does not end in a frame number >= 1 (like frame_00066.jpg)",
              name));
    }
    return number - 1;
  }

  /** The frame number ending the stem of {@code imageName}, or -1 when there is none. */
  static int frameNumber(String imageName) {
    Matcher m = FRAME_NUMBER.matcher(imageName);
    if (!m.find()) {
      return -1;
    }
    try {
      return Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Distinct categories in the order they first appear. */
  public List<String> categories() {
    Set<String> seen = new LinkedHashSet<>();
    for (LabelObject o : objects) {
      seen.add(o.category());
    }
    return List.copyOf(seen);
  }

  /** The objects of {@code category}, in file order (empty when there are none). */
  public List<LabelObject> objectsOf(String category) {
    List<LabelObject> matching = new ArrayList<>();
    for (LabelObject o : objects) {
      if (o.category().equals(category)) {
        matching.add(o);
      }
    }
    return List.copyOf(matching);
  }
}
