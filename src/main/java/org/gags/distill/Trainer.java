package org.gags.distill;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Distillation on DJL's PyTorch engine: per-Gaussian features (zero-initialised) and both decoders
 * trained by autograd, stepped by the torch-exact Adam ({@link EngineAdam}, one per group). One
 * iteration ({@link #step}) composes the named steps {@link #sampleView}, {@link #forward},
 * {@link #backward} and {@link #optimise}, inside one {@code NDScope} so native memory does not
 * grow. Iterations are 1-based; the last iteration of a training takes no optimiser step (as the
 * reference). {@link #save} and {@link #restore} carry everything a resumed training needs.
 * Not thread safe.
 */
public final class Trainer implements AutoCloseable {
  /** The engine this trainer names (ONNX Runtime is on the classpath too). */
  public static final String ENGINE = "PyTorch";

  private final DistillConfig cfg;
  private final List<DeviceView> views;
  private final int gaussians;
  private final DataType dtype;
  private final NDManager manager;
  private final NDArray features;
  private final EngineDecoder featureDecoder;
  private final EngineDecoder granularityDecoder;
  private final EngineAdam featureAdam;
  private final EngineAdam decoderAdam;
  private final EngineAdam granularityAdam;
  private final StepPhases phases = new StepPhases();
  private EpochViewSampler sampler;
  private int iteration;
  private long startNanos = -1;
  private int startIteration;

  /** A fresh training on the CPU: zero features, decoders initialised from the config's seed. */
  public static Trainer create(DistillConfig cfg, Iterable<DistillView> views, int gaussians) {
    return create(cfg, views, gaussians, Device.cpu());
  }

  /**
   * A fresh training on {@code device} ({@code Device.gpu(i)} needs a CUDA libtorch on the classpath;
   * DJL would otherwise pick a GPU by itself whenever one is present, so the device is always named).
   */
  public static Trainer create(DistillConfig cfg, Iterable<DistillView> views, int gaussians, Device device) {
    return new Trainer(cfg, views, gaussians, DataType.FLOAT32, new double[gaussians * cfg.featureDim()],
        DecoderWeights.feature(cfg, cfg.seed() * 2 + 1), DecoderWeights.granularity(cfg, cfg.seed() * 2 + 2), device);
  }

  /** A training from given parameters, in float32 or float64 (tests). */
  Trainer(DistillConfig cfg, Iterable<DistillView> views, int gaussians, DataType dtype, double[] initialFeatures,
      DecoderWeights featureWeights, DecoderWeights granularityWeights) {
    this(cfg, views, gaussians, dtype, initialFeatures, featureWeights, granularityWeights, Device.cpu());
  }

  private Trainer(DistillConfig cfg, Iterable<DistillView> views, int gaussians, DataType dtype, double[] initialFeatures,
      DecoderWeights featureWeights, DecoderWeights granularityWeights, Device device) {
    if (initialFeatures.length != gaussians * cfg.featureDim()) {
      throw new IllegalArgumentException("features must hold " + gaussians + " × " + cfg.featureDim() + " values, found "
          + initialFeatures.length);
    }
    this.cfg = cfg;
    this.gaussians = gaussians;
    this.dtype = dtype;
    this.manager = Engine.getEngine(ENGINE).newBaseManager(device);
    List<DeviceView> uploaded = new ArrayList<>();
    try {
      for (DistillView v : views) { // read once: a lazy list may build each view from storage
        check(cfg, v, gaussians);
        uploaded.add(DeviceView.upload(cfg, manager, v, gaussians, dtype));
      }
      if (uploaded.isEmpty()) {
        throw new IllegalArgumentException("distillation needs at least one view");
      }
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    this.views = List.copyOf(uploaded);
    this.features =
        manager.create(initialFeatures, new Shape(gaussians, cfg.featureDim())).toType(dtype, false);
    features.setRequiresGradient(true);
    this.featureDecoder = new EngineDecoder(manager, featureWeights, dtype);
    this.granularityDecoder = new EngineDecoder(manager, granularityWeights, dtype);
    this.featureAdam = new EngineAdam(cfg.featureAdam(), manager, features);
    this.decoderAdam = new EngineAdam(cfg.decoderAdam(), manager, featureDecoder.parameters().toArray(new NDArray[0]));
    this.granularityAdam =
        new EngineAdam(cfg.granularityAdam(), manager, granularityDecoder.parameters().toArray(new NDArray[0]));
    this.sampler = new EpochViewSampler(this.views.size(), cfg.seed());
  }

  private static void check(DistillConfig cfg, DistillView v, int gaussians) {
    if (v.clipDim() != cfg.clipDim()) {
      throw new IllegalArgumentException(
          "view " + v.name() + " has CLIP size " + v.clipDim() + ", the config " + cfg.clipDim());
    }
    for (int g : v.contributors().gaussians()) {
      if (g < 0 || g >= gaussians) {
        throw new IllegalArgumentException("view " + v.name() + " names Gaussian " + g + " of " + gaussians);
      }
    }
  }

  /** Contributor entries held on the device, all views together. */
  public long deviceEntries() {
    return views.stream().mapToLong(v -> v.entries).sum();
  }

  /** Where the steps' time went (the chunked step's phases; only the optimiser with chunk size 0). */
  public StepPhases phases() {
    return phases;
  }

  public DistillConfig config() {
    return cfg;
  }

  /** Iterations done so far. */
  public int iteration() {
    return iteration;
  }

  /** Runs the remaining iterations of the config, reporting each. */
  public void train(Consumer<IterationReport> progress) {
    while (iteration < cfg.iterations()) {
      progress.accept(step());
    }
  }

  /** Runs iterations up to {@code last} (inclusive). */
  public void trainUntil(int last, Consumer<IterationReport> progress) {
    while (iteration < Math.min(last, cfg.iterations())) {
      progress.accept(step());
    }
  }

  /** One iteration: sample a view, forward, backward, optimiser step (none at the last iteration). */
  public IterationReport step() {
    if (iteration >= cfg.iterations()) {
      throw new IllegalStateException("training already ran its " + cfg.iterations() + " iterations");
    }
    if (startNanos < 0) {
      startNanos = System.nanoTime();
      startIteration = iteration;
    }
    int it = iteration + 1;
    int view = sampleView();
    LossTerms terms;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      terms = backward(view, it);
      long t = System.nanoTime();
      if (it < cfg.iterations()) {
        optimise();
      }
      phases.add(StepPhases.Phase.OPTIMISER, t);
      phases.countStep();
    }
    iteration = it;
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = (iteration - startIteration) / Math.max(seconds, 1e-9);
    return new IterationReport(it, view, terms, rate, (cfg.iterations() - iteration) / rate);
  }

  /** Step 1: the next view of the epoch. */
  int sampleView() {
    return sampler.next();
  }

  /** Step 2: the loss graph of one view (inside a gradient collector and a scope). */
  EngineLoss.Result forward(int view, int it) {
    return EngineLoss.forward(cfg, views.get(view), manager, dtype, features, featureDecoder, granularityDecoder, it);
  }

  /**
   * Steps 2 and 3 (inside the caller's scope): zeroed gradients, then the gradients of the view's
   * total loss in the parameters, chunk by chunk ({@link ChunkedStep}) unless the config's chunk
   * size is 0, which runs the whole view as one graph ({@link #backpropagate}, the reference).
   */
  LossTerms backward(int view, int it) {
    if (cfg.chunkPixels() == 0) {
      return backpropagate(view, it, EngineLoss.Result::total).terms();
    }
    zeroGradients();
    return ChunkedStep.backpropagate(cfg, views.get(view), manager, dtype, features, featureDecoder,
        granularityDecoder, it, phases);
  }

  /**
   * Steps 2 and 3 as one graph (inside the caller's scope): zeroed gradients, the loss graph of one view in a
   * gradient collector, and the gradients of {@code term} of it (the total when training).
   */
  private EngineLoss.Result backpropagate(int view, int it, java.util.function.Function<EngineLoss.Result, NDArray> term) {
    zeroGradients();
    try (GradMode collector = GradMode.on()) {
      EngineLoss.Result result = forward(view, it);
      collector.backward(term.apply(result));
      return result;
    }
  }

  /**
   * Step 4: the torch-exact Adam of each group. The granularity decoder takes no step when the
   * target does not use it (torch skips parameters without a gradient).
   */
  void optimise() {
    // Grad mode is per thread in torch and on by default in a new thread (only the thread that
    // loaded the engine starts with it off): the in-place update needs it off, whichever thread runs.
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      featureAdam.step();
      decoderAdam.step();
      if (cfg.target() == DistillConfig.Target.GAD) {
        granularityAdam.step();
      }
    } finally {
      JniUtils.setGradMode(was);
    }
  }

  private void zeroGradients() {
    for (EngineAdam a : List.of(featureAdam, decoderAdam, granularityAdam)) {
      for (NDArray p : a.params) {
        if (p.hasGradient()) {
          JniUtils.zeroGrad((PtNDArray) p);
        }
      }
    }
  }

  /** The loss of a view at an iteration's weights, without any step (tests, diagnostics). */
  public LossTerms evaluate(int view, int it) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return forward(view, it).terms();
    }
  }

  /**
   * Gradients of the total of one view at the current parameters (no step): features, then
   * decoders, computed as a training step computes them ({@link #backward}).
   */
  Gradients gradients(int view, int it) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return collect(backward(view, it));
    }
  }

  /** Gradients of one chosen loss array (a term or the total) of one view, no step. */
  Gradients gradients(int view, int it, java.util.function.Function<EngineLoss.Result, NDArray> term) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return collect(backpropagate(view, it, term).terms());
    }
  }

  /** The parameters' current gradients (inside the caller's scope). */
  private Gradients collect(LossTerms terms) {
    double[] f = features.hasGradient() ? host(features.getGradient()) : null;
    List<double[]> dec = new ArrayList<>();
    for (NDArray p : featureDecoder.parameters()) {
      dec.add(p.hasGradient() ? host(p.getGradient()) : null);
    }
    List<double[]> gran = new ArrayList<>();
    for (NDArray p : granularityDecoder.parameters()) {
      gran.add(p.hasGradient() ? host(p.getGradient()) : null);
    }
    return new Gradients(terms, f, dec, gran);
  }

  /** Gradients in the order of {@link EngineDecoder#parameters}: w0, b0, w1, b1, ... */
  record Gradients(LossTerms terms, double[] features, List<double[]> featureDecoder, List<double[]> granularityDecoder) {}

  private static double[] host(NDArray a) {
    return a.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  /**
   * A view through the current field: the rendered 16-d map F, the decoded CLIP-space map dec(F)
   * (unit rows) and the granularity weights w, all pixel-major. The view is uploaded for the call
   * only (held-out frames, queries).
   */
  public Decoded decode(DistillView view) {
    check(cfg, view, gaussians);
    try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      DeviceView dv = DeviceView.upload(cfg, sub, view, gaussians, dtype);
      NDArray rendered = dv.renderer.render(features.stopGradient());
      NDArray decoded = featureDecoder.featureDecode(rendered);
      NDArray w = granularityDecoder.granularity(rendered);
      return new Decoded(view.width(), view.height(), floats(rendered), floats(decoded), floats(w));
    }
  }

  /** {@link #decode}'s maps, pixel-major: F (featureDim per pixel), dec(F) (clipDim), w (3). */
  public record Decoded(int width, int height, float[] rendered, float[] decoded, float[] weights) {}

  private static float[] floats(NDArray a) {
    return a.toType(DataType.FLOAT32, false).toFloatArray();
  }

  public float[] features() {
    return features.toType(DataType.FLOAT32, false).toFloatArray();
  }

  public DecoderWeights featureDecoder() {
    return featureDecoder.toWeights();
  }

  public DecoderWeights granularityDecoder() {
    return granularityDecoder.toWeights();
  }

  public EpochViewSampler.State samplerState() {
    return sampler.state();
  }

  /**
   * Writes a checkpoint (NPZ): the features, both decoders, the three Adam states (moments and step
   * counts), the sampler and the iteration. Named entries; {@link #restore} checks every name.
   */
  public void save(OutputStream out) throws IOException {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDList list = new NDList();
      add(list, "features", features);
      addGroup(list, "feature_decoder", featureDecoder, decoderAdam);
      addGroup(list, "granularity_decoder", granularityDecoder, granularityAdam);
      add(list, "features.m", featureAdam.m[0]);
      add(list, "features.v", featureAdam.v[0]);
      EpochViewSampler.State s = sampler.state();
      long[] state = new long[5 + s.remaining().length];
      state[0] = iteration;
      state[1] = featureAdam.steps;
      state[2] = decoderAdam.steps;
      state[3] = granularityAdam.steps;
      state[4] = s.rng();
      for (int i = 0; i < s.remaining().length; i++) {
        state[5 + i] = s.remaining()[i];
      }
      add(list, "state", manager.create(state));
      list.encode(out, NDList.Encoding.NPZ);
    }
  }

  /**
   * Writes both decoders as NumPy NPZ, float32: {@code feature_decoder.<layer>.weight} (out×in) and
   * {@code .bias}, then {@code granularity_decoder.<layer>.*}, layers in forward order.
   */
  public void saveDecoders(OutputStream out) throws IOException {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDList list = new NDList();
      for (String prefix : List.of("feature_decoder", "granularity_decoder")) {
        List<NDArray> params = (prefix.startsWith("feature") ? featureDecoder : granularityDecoder).parameters();
        for (int i = 0; i < params.size(); i++) {
          NDArray a = params.get(i).toType(DataType.FLOAT32, true);
          a.setName(prefix + "." + (i / 2) + (i % 2 == 0 ? ".weight" : ".bias"));
          list.add(a);
        }
      }
      list.encode(out, NDList.Encoding.NPZ);
    }
  }

  private static void add(NDList list, String name, NDArray a) {
    NDArray copy = a.duplicate();
    copy.setName(name);
    list.add(copy);
  }

  private static void addGroup(NDList list, String prefix, EngineDecoder dec, EngineAdam adam) {
    List<NDArray> params = dec.parameters();
    for (int i = 0; i < params.size(); i++) {
      String name = prefix + "." + (i / 2) + (i % 2 == 0 ? ".weight" : ".bias");
      add(list, name, params.get(i));
      add(list, name + ".m", adam.m[i]);
      add(list, name + ".v", adam.v[i]);
    }
  }

  /** A trainer in the state a checkpoint holds, for the same config, views and Gaussian count. */
  public static Trainer restore(DistillConfig cfg, Iterable<DistillView> views, int gaussians, InputStream in)
      throws IOException {
    return restore(cfg, views, gaussians, in, Device.cpu());
  }

  /** As {@link #restore(DistillConfig, Iterable, int, InputStream)}, on {@code device}. */
  public static Trainer restore(DistillConfig cfg, Iterable<DistillView> views, int gaussians, InputStream in,
      Device device) throws IOException {
    Trainer t = create(cfg, views, gaussians, device);
    t.load(in);
    return t;
  }

  private void load(InputStream in) throws IOException {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDList list = NDList.decode(manager, in);
      java.util.Map<String, NDArray> byName = new java.util.HashMap<>();
      for (NDArray a : list) {
        byName.put(a.getName(), a);
      }
      copyInto(byName, "features", features);
      copyInto(byName, "features.m", featureAdam.m[0]);
      copyInto(byName, "features.v", featureAdam.v[0]);
      loadGroup(byName, "feature_decoder", featureDecoder, decoderAdam);
      loadGroup(byName, "granularity_decoder", granularityDecoder, granularityAdam);
      long[] state = named(byName, "state").toLongArray();
      iteration = (int) state[0];
      featureAdam.steps = (int) state[1];
      decoderAdam.steps = (int) state[2];
      granularityAdam.steps = (int) state[3];
      int[] remaining = new int[state.length - 5];
      for (int i = 0; i < remaining.length; i++) {
        remaining[i] = (int) state[5 + i];
      }
      sampler = EpochViewSampler.restore(new EpochViewSampler.State(views.size(), state[4], remaining));
    }
  }

  private static NDArray named(java.util.Map<String, NDArray> byName, String name) throws IOException {
    NDArray a = byName.get(name);
    if (a == null) {
      throw new IOException("checkpoint has no entry '" + name + "' (found " + byName.keySet() + ")");
    }
    return a;
  }

  private void copyInto(java.util.Map<String, NDArray> byName, String name, NDArray target) throws IOException {
    NDArray a = named(byName, name);
    if (!a.getShape().equals(target.getShape())) {
      throw new IOException(
          "checkpoint entry '" + name + "' has shape " + a.getShape() + ", expected " + target.getShape());
    }
    target.set(a.toType(target.getDataType(), false).toByteBuffer());
  }

  private void loadGroup(java.util.Map<String, NDArray> byName, String prefix, EngineDecoder dec, EngineAdam adam)
      throws IOException {
    List<NDArray> params = dec.parameters();
    for (int i = 0; i < params.size(); i++) {
      String name = prefix + "." + (i / 2) + (i % 2 == 0 ? ".weight" : ".bias");
      copyInto(byName, name, params.get(i));
      copyInto(byName, name + ".m", adam.m[i]);
      copyInto(byName, name + ".v", adam.v[i]);
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  int gaussians() {
    return gaussians;
  }
}
