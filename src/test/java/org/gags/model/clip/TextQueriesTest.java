package org.gags.model.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.gags.eval.QueryEmbeddings;
import org.gags.eval.Relevancy;
import org.gags.model.ModelDevice;
import org.gags.model.testclip.TestClipModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text queries through the generated test CLIP's text tower in ONNX Runtime, with the real BPE tokenizer. */
@Tag("model")
class TextQueriesTest {
  static final List<String> CATEGORIES = List.of("mug", "apple stem", "red bottle cap", "mug");

  @TempDir static Path dir;
  static ClipSession session;

  @BeforeAll
  static void openTheTestClip() {
    TestClipModel.Files clip = TestClipModel.write(dir.resolve("clip"));
    ClipSpec spec = new ClipSpec(clip.image().toString(), clip.text().toString(), TestClipModel.INPUT_SIZE,
        new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f},
        TestClipModel.EMBEDDING_SIZE, ModelDevice.CPU, 0);
    session = new ClipSession(spec);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void everyEmbeddingIsUnitLengthAndOfTheModelsWidth() {
    QueryEmbeddings q = TextQueries.embed(session, CATEGORIES);
    assertEquals(List.of("mug", "apple stem", "red bottle cap"), q.categories());
    assertEquals(TestClipModel.EMBEDDING_SIZE, q.dim());
    for (String c : q.categories()) {
      assertEquals(1.0, norm(q.query(c)), 1e-5, c);
    }
    float[][] canonical = q.canonical();
    assertEquals(Relevancy.CANONICAL_PHRASES.size(), canonical.length);
    for (int k = 0; k < canonical.length; k++) {
      assertEquals(1.0, norm(canonical[k]), 1e-5, Relevancy.CANONICAL_PHRASES.get(k));
    }
  }

  @Test
  void theSameTextGivesTheSameVectorAndOtherTextsOthers() {
    QueryEmbeddings a = TextQueries.embed(session, CATEGORIES);
    QueryEmbeddings b = TextQueries.embed(session, List.of("red bottle cap", "mug"));
    assertArrayEquals(a.query("mug"), b.query("mug"));
    assertArrayEquals(a.query("red bottle cap"), b.query("red bottle cap"));
    // In a batch of its own, a phrase embeds as it does beside the queries.
    float[][] alone = session.embedTexts(Relevancy.CANONICAL_PHRASES);
    for (int k = 0; k < alone.length; k++) {
      assertArrayEquals(alone[k], a.canonical()[k], Relevancy.CANONICAL_PHRASES.get(k));
    }
    assertTrue(dot(a.query("mug"), a.query("apple stem")) < 0.9, "mug and apple stem differ");
    float[][] c = a.canonical();
    for (int i = 0; i < c.length; i++) {
      for (int j = i + 1; j < c.length; j++) {
        assertTrue(dot(c[i], c[j]) < 0.9, Relevancy.CANONICAL_PHRASES.get(i) + " and " + Relevancy.CANONICAL_PHRASES.get(j));
      }
    }
  }

  @Test
  void aBlankCategoryIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextQueries.embed(session, List.of("mug", " ")));
    assertEquals("text queries: expected non-blank categories, found ' '", e.getMessage());
  }

  static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += (double) a[k] * b[k];
    }
    return s;
  }
}
