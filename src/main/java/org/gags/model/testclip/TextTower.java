package org.gags.model.testclip;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gags.embed.ClipTokenizer;
import org.gags.model.onnx.OnnxModelBuilder;

/**
 * The test CLIP model's text tower: a bag of words over CLIP token ids, as an ONNX graph
 * ({@link #onnx}) and a plain-Java twin ({@link #embed}).
 *
 * <p>Input: {@code text} int64 [B, 77] (CLIP BPE ids as {@link ClipTokenizer#tokenize} makes them).
 * Output: {@code embedding} float [B, 512], not normalised: {@code Gather} maps every token id to a
 * row of a small table through a remap table int64[49408], a second {@code Gather} takes the rows,
 * and {@code ReduceSum} adds them over the 77 positions. The rows:
 *
 * <ul>
 *   <li>padding (0), start (49406), end (49407), stop words ("a", "an", "the", "of", "on", "in",
 *       "photo", "'s", ...) and punctuation: the zero row, so they change nothing;
 *   <li>each word the model knows (the sample scene's query words and a few synonyms and plurals):
 *       the unit appearance of the thing it names ({@link Appearances}, embedded by the image tower)
 *       times its weight times {@link ImageTower#SCALE};
 *   <li>every other id: one of {@link #SPARE_ROWS} seeded random unit rows (times SCALE), chosen by
 *       a hash of the id, so unknown words are nearly orthogonal to every crop and to each other.
 * </ul>
 *
 * Multi-word queries: the weight of a word is its granularity, not its position. Words naming a
 * part or a sub-part (handle, logo, coffee, cap, label, title, stem, leaf, cookie, chips,
 * chocolate) weigh {@link #PART_WEIGHT}, words naming a whole object or the table weigh 1, so
 * "mug handle", "logo on the mug" and "apple stem" land near the part they name, with a little of
 * the object as context (as a real CLIP text embedding is led by its head noun). "coffee mug"
 * would land on coffee: a known limit of the rule.
 */
public final class TextTower {
  public static final int VOCAB = 49408;
  public static final int CONTEXT = ClipTokenizer.CONTEXT;
  public static final int DIM = ImageTower.DIM;
  public static final int SPARE_ROWS = 64;
  public static final float PART_WEIGHT = 3f;
  static final long SEED = 0x6761677354455854L; // "gagsTEXT"

  /** Words that add nothing (besides the special ids 0, 49406, 49407). */
  static final List<String> STOP_WORDS = List.of("a", "an", "the", "of", "on", "in", "at", "with", "and", "to",
      "for", "this", "that", "its", "is", "photo", "picture", "image", "'s", ".", ",", "!", "?", "-");

  /** A known word: the thing it names (an {@link Appearances} key) and its weight. */
  record Word(String word, String thing, float weight) {}

  static final List<Word> WORDS = List.of(
      new Word("table", "table", 1), new Word("tables", "table", 1),
      new Word("wooden", "table", 1), new Word("wood", "table", 1),
      new Word("mug", "mug", 1), new Word("mugs", "mug", 1), new Word("cup", "mug", 1),
      new Word("handle", "mug handle", PART_WEIGHT), new Word("handles", "mug handle", PART_WEIGHT),
      new Word("logo", "logo", PART_WEIGHT), new Word("logos", "logo", PART_WEIGHT),
      new Word("coffee", "coffee", PART_WEIGHT),
      new Word("bottle", "bottle", 1), new Word("bottles", "bottle", 1),
      new Word("cap", "bottle cap", PART_WEIGHT), new Word("caps", "bottle cap", PART_WEIGHT),
      new Word("lid", "bottle cap", PART_WEIGHT),
      new Word("label", "bottle label", PART_WEIGHT), new Word("labels", "bottle label", PART_WEIGHT),
      new Word("book", "book", 1), new Word("books", "book", 1),
      new Word("title", "book title", PART_WEIGHT),
      new Word("apple", "apple", 1), new Word("apples", "apple", 1),
      new Word("stem", "apple stem", PART_WEIGHT), new Word("stems", "apple stem", PART_WEIGHT),
      new Word("leaf", "leaf", PART_WEIGHT), new Word("leaves", "leaf", PART_WEIGHT),
      new Word("plate", "plate", 1), new Word("plates", "plate", 1),
      new Word("cookie", "cookie", PART_WEIGHT), new Word("cookies", "cookie", PART_WEIGHT),
      new Word("chocolate", "chocolate chips", PART_WEIGHT), new Word("chips", "chocolate chips", PART_WEIGHT),
      new Word("chip", "chocolate chips", PART_WEIGHT));

  private final long[] remap;
  private final float[] table;
  private final int rows;

  private TextTower(long[] remap, float[] table, int rows) {
    this.remap = remap;
    this.table = table;
    this.rows = rows;
  }

  /**
   * Builds the tower from the unit appearance of each thing (in the image tower's centred,
   * unscaled space).
   */
  static TextTower build(Map<String, float[]> appearance) {
    ClipTokenizer tok = ClipTokenizer.bundled();
    int known = WORDS.size();
    int rows = 1 + known + SPARE_ROWS;
    float[] table = new float[rows * DIM];
    long[] remap = new long[VOCAB];
    // Unknown ids first, so known words and stop words overwrite them.
    for (int id = 0; id < VOCAB; id++) {
      remap[id] = 1 + known + Math.floorMod(mix(id ^ SEED), SPARE_ROWS);
    }
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int r = 0; r < SPARE_ROWS; r++) {
      float[] v = new float[DIM];
      for (int k = 0; k < DIM; k++) {
        v[k] = (float) gaussian(rnd);
      }
      float n = ImageTower.norm(v);
      for (int k = 0; k < DIM; k++) {
        table[(1 + known + r) * DIM + k] = v[k] / n * ImageTower.SCALE;
      }
    }
    for (int i = 0; i < known; i++) {
      Word w = WORDS.get(i);
      float[] a = appearance.get(w.thing());
      if (a == null) {
        throw new IllegalStateException("word " + w.word() + " names " + w.thing() + ", which has no appearance");
      }
      for (int k = 0; k < DIM; k++) {
        table[(1 + i) * DIM + k] = a[k] * w.weight() * ImageTower.SCALE;
      }
      int id = singleToken(tok, w.word());
      remap[id] = 1 + i;
    }
    for (String s : STOP_WORDS) {
      remap[singleToken(tok, s)] = 0;
    }
    remap[0] = 0;
    remap[ClipTokenizer.START] = 0;
    remap[ClipTokenizer.END] = 0;
    return new TextTower(remap, table, rows);
  }

  private static int singleToken(ClipTokenizer tok, String word) {
    List<Integer> ids = tok.encode(word);
    if (ids.size() != 1) {
      throw new IllegalStateException("expected \"" + word + "\" to be one CLIP token, found " + ids);
    }
    return ids.get(0);
  }

  /** SplitMix64's finaliser, for the spare-row hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A standard normal sample (Box–Muller on two uniforms, so the value depends on this code only). */
  private static double gaussian(SplittableRandom rnd) {
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  /** The table row a token id reads: 0 for the zero row, 1..WORDS.size() for known words, spare rows after. */
  int row(long tokenId) {
    return (int) remap[(int) tokenId];
  }

  /** The Java twin: the embeddings of {@code batch} token rows of 77 ids stored one after another. */
  public float[][] embed(long[] tokens, int batch) {
    if (tokens.length < (long) batch * CONTEXT) {
      throw new IllegalArgumentException("tokens must hold " + batch + " rows of " + CONTEXT + " ids, found " + tokens.length);
    }
    float[][] out = new float[batch][DIM];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < CONTEXT; t++) {
        long id = tokens[b * CONTEXT + t];
        if (id < 0 || id >= VOCAB) {
          throw new IllegalArgumentException("token " + t + " of row " + b + ": expected an id in 0.." + (VOCAB - 1) + ", found " + id);
        }
        int r = row(id);
        for (int k = 0; k < DIM; k++) {
          out[b][k] += table[r * DIM + k];
        }
      }
    }
    return out;
  }

  /** The ONNX graph of this tower. */
  byte[] onnx(String docString) {
    OnnxModelBuilder m = new OnnxModelBuilder("gags_test_clip_text")
        .producer(TestClipModel.NAME, TestClipModel.VERSION)
        .docString(docString);
    TestClipModel.metadata(m);
    m.input("text", OnnxModelBuilder.INT64, "batch", CONTEXT);
    String remapT = m.int64Initializer("token_rows", remap.clone(), VOCAB);
    String tableT = m.floatInitializer("word_table", Arrays.copyOf(table, table.length), rows, DIM);
    String idx = m.node("Gather", remapT, "text").attr("axis", 0L).out();
    String words = m.node("Gather", tableT, idx).attr("axis", 0L).out();
    m.node("ReduceSum", words, m.int64s("context_axis", 1)).attr("keepdims", 0L).output("embedding");
    m.output("embedding", OnnxModelBuilder.FLOAT, "batch", DIM);
    return m.build();
  }
}
