package org.gags.scene;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scan stage checks beyond {@link SceneLoader} (which has checked the folder, the COLMAP
 * model and every image's header and layout), so that a bad scene fails in seconds rather than in
 * a later stage after hours of work: the PLY's header, size and every value ({@link
 * PlyReader#check}: one streaming pass, nothing kept), at least one Gaussian, and every label file
 * read in full ({@link LabelReader}) and matched to its view: the view whose image has the file's
 * stem, with the frame number and size its {@code info} declares.
 */
public final class SceneCheck {
  private SceneCheck() {}

  /** The checked PLY's summary and the parsed label files by view index. */
  public record Result(PlyReader.Summary ply, Map<Integer, LabelFile> labels) {}

  /** @throws SceneFormatException naming the file, the field, what was expected and what was found */
  public static Result check(Scene scene) {
    Map<Integer, LabelFile> labels = labels(scene);
    PlyReader.Summary ply = PlyReader.check(scene.plyFile());
    if (ply.gaussians() == 0) {
      throw new SceneFormatException(scene.plyFile().toString(), "element vertex", "at least one Gaussian", "0 vertices");
    }
    return new Result(ply, labels);
  }

  private static Map<Integer, LabelFile> labels(Scene scene) {
    Map<String, View> byStem = new HashMap<>();
    for (View v : scene.views()) {
      byStem.put(stem(v.name()), v);
    }
    Map<Integer, LabelFile> labels = new TreeMap<>();
    for (Map.Entry<String, Path> e : scene.labelFiles().entrySet()) {
      String file = e.getValue().toString();
      View v = byStem.get(e.getKey());
      if (v == null) {
        throw new SceneFormatException(file, "file name",
            "the label file of a view: <image name without extension>.json (like frame_00001.json for frame_00001.png)",
            "no image named " + e.getKey() + ".* among the scene's " + scene.views().size() + " views");
      }
      LabelFile label = LabelReader.read(e.getValue());
      if (label.frameIndex() != v.index()) {
        throw new SceneFormatException(file, "info.name",
            "an image name with frame number " + (v.index() + 1) + " (view " + v.index() + ", " + v.name() + ")",
            "'" + label.name() + "' (frame number " + (label.frameIndex() + 1) + ")");
      }
      if (label.width() != v.camera().width() || label.height() != v.camera().height()) {
        throw new SceneFormatException(file, "info.width, info.height",
            v.camera().width() + " x " + v.camera().height() + " (the size of " + v.name() + ")",
            label.width() + " x " + label.height());
      }
      labels.put(v.index(), label);
    }
    return labels;
  }

  private static String stem(String imageName) {
    return imageName.replaceFirst("\\.[^.]+$", "");
  }
}
