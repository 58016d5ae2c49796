package org.gags.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The real CLIP BPE vocabulary against ids known from the reference tokenizer. */
@Tag("unit")
class ClipTokenizerTest {
  static final ClipTokenizer TOK = ClipTokenizer.bundled();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a photo of a cat|49406 320 1125 539 320 2368 49407",
      "kamaboko|49406 4104 596 26095 49407",
      "glass of water|49406 3313 539 1573 49407",
      "  A   Photo of a CAT |49406 320 1125 539 320 2368 49407",
      "Glass &amp;amp; water|49406 3313 261 1573 49407"
  })
  void knownTextsGiveKnownIds(String text, String ids) {
    long[] expected = Arrays.stream(ids.split(" ")).mapToLong(Long::parseLong).toArray();
    long[] got = TOK.tokenize(text);
    assertArrayEquals(expected, Arrays.copyOf(got, expected.length), text);
    for (int i = expected.length; i < ClipTokenizer.CONTEXT; i++) {
      assertEquals(0, got[i], "padding at " + i);
    }
  }

  @Test
  void longTextsAreTruncatedToTheContextAndEndWithTheEndToken() {
    long[] t = TOK.tokenize("cat ".repeat(200));
    assertEquals(ClipTokenizer.CONTEXT, t.length);
    assertEquals(ClipTokenizer.START, t[0]);
    assertEquals(2368, t[1]);
    assertEquals(2368, t[75]);
    assertEquals(ClipTokenizer.END, t[76]);
  }

  @Test
  void theVocabularyHasClipsSizeAndBytesRoundTrip() {
    assertEquals(List.of(), TOK.encode("   "));
    // Every byte maps to a symbol of its own: non-ASCII text never fails to encode.
    List<Integer> ids = TOK.encode("naïve café 東京 🙂");
    assertEquals(true, ids.size() >= 4);
    for (int id : ids) {
      assertEquals(true, id >= 0 && id < ClipTokenizer.START, "id " + id);
    }
  }
}
