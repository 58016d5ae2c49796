package org.gags.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's byte-level BPE tokenizer (OpenAI CLIP / OpenCLIP {@code SimpleTokenizer}), built from the
 * bundled {@code bpe_simple_vocab_16e6.txt.gz} (MIT): text is cleaned (NFC, HTML entities unescaped
 * twice, whitespace collapsed, lower-cased), split by CLIP's pattern, each piece's UTF-8 bytes
 * mapped to printable characters and merged by BPE rank; {@link #tokenize} adds start 49406 and end
 * 49407, truncates to the context (the last id then being 49407) and pads with 0. ftfy's repairs
 * of broken text are not applied (NFC normalisation is). Thread-safe.
 */
public final class ClipTokenizer {
  public static final int CONTEXT = 77;
  public static final int START = 49406;
  public static final int END = 49407;
  /** Merges used by CLIP: lines 1..48894 of the file (49152 − 256 − 2). */
  static final int MERGES = 49152 - 256 - 2;

  private static final Pattern PIECES = Pattern.compile(
      "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");

  private static volatile ClipTokenizer bundled;

  private final char[] byteEncoder = new char[256];
  private final Map<String, Integer> encoder = new HashMap<>();
  private final Map<String, Integer> ranks = new HashMap<>();
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  private ClipTokenizer(List<String> mergeLines) {
    List<Character> vocab = new ArrayList<>();
    int[] bs = new int[256];
    int count = 0;
    for (int b = '!'; b <= '~'; b++) {
      bs[count++] = b;
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      bs[count++] = b;
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      bs[count++] = b;
    }
    boolean[] printable = new boolean[256];
    for (int i = 0; i < count; i++) {
      printable[bs[i]] = true;
      byteEncoder[bs[i]] = (char) bs[i];
      vocab.add((char) bs[i]);
    }
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (!printable[b]) {
        byteEncoder[b] = (char) (256 + n++);
        vocab.add(byteEncoder[b]);
      }
    }
    int id = 0;
    for (char c : vocab) {
      encoder.put(String.valueOf(c), id++);
    }
    for (char c : vocab) {
      encoder.put(c + "</w>", id++);
    }
    for (int r = 0; r < mergeLines.size(); r++) {
      String[] pair = mergeLines.get(r).split(" ");
      ranks.put(pair[0] + " " + pair[1], r);
      encoder.put(pair[0] + pair[1], id++);
    }
    encoder.put("<|startoftext|>", id++);
    encoder.put("<|endoftext|>", id);
    if (id != END) {
      throw new IllegalStateException("CLIP vocabulary has the wrong size: end token id " + id + ", expected " + END);
    }
    cache.put("<|startoftext|>", "<|startoftext|>");
    cache.put("<|endoftext|>", "<|endoftext|>");
  }

  /** The tokenizer of the bundled CLIP vocabulary (loaded once). */
  public static ClipTokenizer bundled() {
    ClipTokenizer t = bundled;
    if (t == null) {
      synchronized (ClipTokenizer.class) {
        if (bundled == null) {
          try (InputStream in = ClipTokenizer.class.getResourceAsStream("bpe_simple_vocab_16e6.txt.gz")) {
            if (in == null) {
              throw new IllegalStateException("bpe_simple_vocab_16e6.txt.gz is missing from the classpath (org/gags/embed)");
            }
            bundled = fromVocabulary(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled CLIP vocabulary: " + e.getMessage(), e);
          }
        }
        t = bundled;
      }
    }
    return t;
  }

  /** A tokenizer from a gzipped CLIP BPE merges file. */
  public static ClipTokenizer fromVocabulary(InputStream gzipped) throws IOException {
    List<String> merges = new ArrayList<>(MERGES);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped), StandardCharsets.UTF_8))) {
      r.readLine(); // "#version: 0.2" header
      for (String line = r.readLine(); line != null && merges.size() < MERGES; line = r.readLine()) {
        merges.add(line);
      }
    }
    if (merges.size() != MERGES) {
      throw new IOException("CLIP vocabulary: expected at least " + MERGES + " merges, found " + merges.size());
    }
    return new ClipTokenizer(merges);
  }

  /** BPE ids of {@code text}, without start or end tokens. */
  public List<Integer> encode(String text) {
    List<Integer> ids = new ArrayList<>();
    Matcher m = PIECES.matcher(clean(text));
    while (m.find()) {
      StringBuilder mapped = new StringBuilder();
      for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
        mapped.append(byteEncoder[b & 0xff]);
      }
      for (String piece : bpe(mapped.toString()).split(" ")) {
        ids.add(encoder.get(piece));
      }
    }
    return ids;
  }

  /** The model input: start, ids, end, truncated to {@link #CONTEXT} (ending with the end token) and zero-padded. */
  public long[] tokenize(String text) {
    List<Integer> ids = encode(text);
    long[] out = new long[CONTEXT];
    out[0] = START;
    int n = Math.min(ids.size(), CONTEXT - 2);
    for (int i = 0; i < n; i++) {
      out[1 + i] = ids.get(i);
    }
    out[1 + n] = END;
    return out;
  }

  static String clean(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFC);
    s = unescapeHtml(unescapeHtml(s)).strip();
    return s.replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static String unescapeHtml(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r = switch (e) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "nbsp" -> "\u00a0";
        default -> new String(Character.toChars(e.startsWith("#x") || e.startsWith("#X")
            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
      };
      m.appendReplacement(sb, Matcher.quoteReplacement(r));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Byte-pair merges of one piece, lowest rank first; the last symbol carries "</w>". */
  private String bpe(String token) {
    String cached = cache.get(token);
    if (cached != null) {
      return cached;
    }
    List<String> word = new ArrayList<>();
    for (int i = 0; i < token.length() - 1; i++) {
      word.add(String.valueOf(token.charAt(i)));
    }
    word.add(token.charAt(token.length() - 1) + "</w>");
    while (word.size() > 1) {
      int best = Integer.MAX_VALUE;
      String first = null;
      String second = null;
      for (int i = 0; i + 1 < word.size(); i++) {
        Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
        if (r != null && r < best) {
          best = r;
          first = word.get(i);
          second = word.get(i + 1);
        }
      }
      if (first == null) {
        break;
      }
      List<String> merged = new ArrayList<>(word.size());
      for (int i = 0; i < word.size(); ) {
        if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
          merged.add(first + second);
          i += 2;
        } else {
          merged.add(word.get(i));
          i++;
        }
      }
      word = merged;
    }
    String result = String.join(" ", word);
    cache.put(token, result);
    return result;
  }
}
