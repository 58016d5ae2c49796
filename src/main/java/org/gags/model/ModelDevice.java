package org.gags.model;

import ai.djl.Device;

/** Where a model runs: ONNX Runtime's CPU provider, or its CUDA provider on GPU {@code index}. */
public record ModelDevice(String kind, int index) implements java.io.Serializable {
  public static final ModelDevice CPU = new ModelDevice("cpu", -1);

  /** Parses {@code cpu}, {@code cuda} or {@code cuda:N}. */
  public static ModelDevice parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("cpu")) {
      return CPU;
    }
    if (t.equals("cuda") || t.equals("gpu")) {
      return new ModelDevice("cuda", 0);
    }
    if (t.startsWith("cuda:")) {
      try {
        int i = Integer.parseInt(t.substring(5));
        if (i >= 0) {
          return new ModelDevice("cuda", i);
        }
      } catch (NumberFormatException ignored) {
        // falls through to the error
      }
    }
    throw new IllegalArgumentException("expected cpu, cuda or cuda:N, found '" + text + "'");
  }

  public Device djl() {
    return kind.equals("cuda") ? Device.gpu(index) : Device.cpu();
  }

  @Override
  public String toString() {
    return kind.equals("cuda") ? "cuda:" + index : "cpu";
  }
}
