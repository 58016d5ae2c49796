package org.gags.model.testclip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.gags.embed.ClipCrop;
import org.gags.embed.ClipTokenizer;
import org.gags.model.onnx.OnnxGraphEdit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * The generated test CLIP model: byte-identical on every generation, OpenCLIP's signatures, and
 * ONNX Runtime's outputs equal to the plain-Java twins of both towers.
 */
@Tag("model")
class TestClipModelTest {
  @TempDir static Path dir;
  static TestClipModel.Files files;
  static TestClipModel model;
  static long generationMillis;

  @BeforeAll
  static void write() {
    long t0 = System.nanoTime();
    files = TestClipModel.write(dir.resolve("a"));
    generationMillis = (System.nanoTime() - t0) / 1_000_000;
    model = TestClipModel.generate();
  }

  @Test
  void generatingTwiceGivesTheSameBytes() throws Exception {
    TestClipModel.Files again = TestClipModel.write(dir.resolve("b"));
    for (String f : List.of(TestClipModel.IMAGE_FILE, TestClipModel.TEXT_FILE, TestClipModel.CARD_FILE)) {
      assertArrayEquals(Files.readAllBytes(files.dir().resolve(f)), Files.readAllBytes(again.dir().resolve(f)), f);
    }
    assertArrayEquals(Files.readAllBytes(files.image()), model.imageOnnx());
    System.out.printf("test CLIP model: generated and written in %d ms; image.onnx %d bytes, text.onnx %d bytes%n",
        generationMillis, Files.size(files.image()), Files.size(files.text()));
  }

  @Test
  void hasOpenClipsSignaturesAndDescribesItself() throws Exception {
    byte[] image = Files.readAllBytes(files.image());
    byte[] text = Files.readAllBytes(files.text());
    assertEquals(List.of("image"), OnnxGraphEdit.inputs(image));
    assertEquals(List.of("embedding"), OnnxGraphEdit.outputs(image));
    assertEquals(List.of("text"), OnnxGraphEdit.inputs(text));
    assertEquals(List.of("embedding"), OnnxGraphEdit.outputs(text));
    JsonNode card = new ObjectMapper().readTree(files.card().toFile());
    assertEquals("gags-test-clip", card.get("name").asText());
    assertEquals(TestClipModel.VERSION, card.get("version").asText());
    assertEquals(512, card.get("embeddingSize").asInt());
    assertEquals(224, card.get("inputSize").asInt());
    for (int c = 0; c < 3; c++) {
      assertEquals(ClipCrop.MEAN[c], (float) card.get("mean").get(c).asDouble(), "mean " + c);
      assertEquals(ClipCrop.STD[c], (float) card.get("std").get(c).asDouble(), "std " + c);
    }
    assertEquals(0.48145466, card.get("mean").get(0).asDouble());
    assertEquals("image.onnx", card.get("image").get("file").asText());
    assertTrue(card.get("words").has("handle"));
  }

  @Test
  void imageTowerInOnnxRuntimeEqualsItsJavaTwin() throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    int batch = 4;
    float[] chw = new float[batch * ClipCrop.FLOATS];
    // 0: uniform noise over the normalised range; 1: a black crop (empty mask); 2: noise with a
    // black surround; 3: a sprite of the model's own vocabulary.
    for (int i = 0; i < ClipCrop.FLOATS; i++) {
      chw[i] = (float) (rnd.nextDouble() * 4 - 2);
    }
    for (int c = 0; c < 3; c++) {
      java.util.Arrays.fill(chw, ClipCrop.FLOATS + c * 224 * 224, ClipCrop.FLOATS + (c + 1) * 224 * 224,
          -ClipCrop.MEAN[c] / ClipCrop.STD[c]);
    }
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 224; y++) {
        for (int x = 0; x < 224; x++) {
          boolean inside = (x - 112) * (x - 112) + (y - 100) * (y - 100) < 70 * 70;
          chw[2 * ClipCrop.FLOATS + c * 224 * 224 + y * 224 + x] = inside
              ? (float) ((rnd.nextDouble() - ClipCrop.MEAN[c]) / ClipCrop.STD[c]) : -ClipCrop.MEAN[c] / ClipCrop.STD[c];
        }
      }
    }
    float[] sprite = Appearances.crops(Appearances.sprites().get("mug"));
    System.arraycopy(sprite, 0, chw, 3 * ClipCrop.FLOATS, ClipCrop.FLOATS);
    float[][] twin = model.imageTower().embed(chw, batch);
    float[][] ort;
    try (OrtTowers t = new OrtTowers(files.dir())) {
      ort = t.image(chw, batch);
    }
    double worst = 0;
    for (int b = 0; b < batch; b++) {
      double norm = 0;
      for (int k = 0; k < 512; k++) {
        worst = Math.max(worst, Math.abs(ort[b][k] - twin[b][k]));
        norm += ort[b][k] * ort[b][k];
      }
      assertTrue(Math.sqrt(norm) > 1, "crop " + b + ": embedding norm " + Math.sqrt(norm) + " (not L2-normalised)");
    }
    System.out.printf("image tower: ONNX Runtime vs Java twin, largest difference %.2e%n", worst);
    assertTrue(worst < 1e-4, "ONNX Runtime and the twin differ by " + worst);
  }

  @Test
  void textTowerInOnnxRuntimeEqualsItsJavaTwinAndIgnoresStopWords() throws Exception {
    ClipTokenizer tok = ClipTokenizer.bundled();
    String[] texts = {"mug handle", "a photo of the mug handle", "logo on the mug", "wooden table", "object",
        "things", "zebra crossing", ""};
    long[] ids = new long[texts.length * 77];
    for (int i = 0; i < texts.length; i++) {
      System.arraycopy(tok.tokenize(texts[i]), 0, ids, i * 77, 77);
    }
    float[][] twin = model.textTower().embed(ids, texts.length);
    float[][] ort;
    try (OrtTowers t = new OrtTowers(files.dir())) {
      ort = t.text(ids, texts.length);
    }
    for (int i = 0; i < texts.length; i++) {
      assertArrayEquals(twin[i], ort[i], 1e-4f, texts[i]);
    }
    assertArrayEquals(ort[0], ort[1], 1e-5f, "stop words and 'photo' add nothing");
    assertEquals(0f, ImageTower.norm(ort[texts.length - 1]), "only start, end and padding: the zero vector");
    float[][] unit = Meaning.normalise(java.util.Arrays.copyOf(ort, texts.length - 1));
    // Unknown words (the relevancy's canonical phrases, anything else) are far from known ones.
    for (int unknown = 4; unknown <= 6; unknown++) {
      for (int known = 0; known <= 3; known++) {
        double cos = Meaning.dot(unit[unknown], unit[known]);
        assertTrue(Math.abs(cos) < 0.3, texts[unknown] + " vs " + texts[known] + ": cosine " + cos);
      }
    }
  }
}
