package org.gags.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets kept out of what gags writes and prints, redacted as Spark redacts them ({@code
 * org.apache.spark.util.Utils.redact}, Spark 3.5): when a setting's key or value matches {@code
 * spark.redaction.regex} (default {@value #DEFAULT_REGEX}), its value is replaced by {@value
 * #REPLACEMENT}. Beyond Spark, a {@code spark.redaction.regex} the user sets adds to the default
 * pattern instead of replacing it (it cannot weaken redaction), and a URI with credentials in it
 * ({@code scheme://user:password@host}) counts as a secret too. {@link #text} scrubs free text (error messages): every {@code key=value}
 * whose key or value is a secret, and every secret value this JVM has been given
 * ({@link #remember}, and {@code spark.*} system properties that are secrets).
 */
public final class Redaction {
  /** Spark 3.5's default {@code spark.redaction.regex}. */
  public static final String DEFAULT_REGEX = "(?i)secret|password|token|access[.]key";
  /** Spark's replacement text. */
  public static final String REPLACEMENT = "*********(redacted)";
  /** The Spark setting that changes the pattern. */
  public static final String REGEX_KEY = "spark.redaction.regex";

  private static final Pattern URI_CREDENTIALS = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@");
  /** A {@code key=value} token in free text; the value runs to the next space, quote or comma. */
  private static final Pattern KEY_VALUE = Pattern.compile("([\\w.\\-]+)=([^\\s'\",]+)");
  /** Values shorter than this are not scrubbed from free text by value (they would match everywhere). */
  private static final int MIN_REMEMBERED = 4;
  private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();

  private static final Redaction STANDARD = new Redaction(List.of(Pattern.compile(DEFAULT_REGEX)));

  private final List<Pattern> patterns;

  private Redaction(List<Pattern> patterns) {
    this.patterns = patterns;
  }

  /** Spark's default pattern. */
  public static Redaction standard() {
    return STANDARD;
  }

  /** The default pattern, and the one {@code settings} name in {@value #REGEX_KEY} if any. */
  public static Redaction of(Map<String, String> settings) {
    String regex = settings.get(REGEX_KEY);
    return regex == null ? STANDARD
        : new Redaction(List.of(Pattern.compile(DEFAULT_REGEX), Pattern.compile(regex)));
  }

  /** True when the value of {@code key} must not be shown. */
  public boolean isSecret(String key, String value) {
    return matches(key) || (value != null && (matches(value) || hasUriCredentials(value)));
  }

  private boolean matches(String s) {
    for (Pattern p : patterns) {
      if (p.matcher(s).find()) {
        return true;
      }
    }
    return false;
  }

  /** True for text holding a URI with a password in it ({@code scheme://user:password@host}). */
  public static boolean hasUriCredentials(String value) {
    return URI_CREDENTIALS.matcher(value).find();
  }

  /** {@code value}, or {@value #REPLACEMENT} when it is a secret. */
  public String value(String key, String value) {
    return isSecret(key, value) ? REPLACEMENT : value;
  }

  /** Every value of {@code settings} as {@link #value} shows it, in the same order. */
  public Map<String, String> values(Map<String, String> settings) {
    Map<String, String> m = new LinkedHashMap<>();
    settings.forEach((k, v) -> m.put(k, value(k, v)));
    return m;
  }

  /** A {@code key=value} entry as given on the command line, its value redacted when secret. */
  public String entry(String keyEqualsValue) {
    int eq = keyEqualsValue.indexOf('=');
    if (eq < 0) {
      return isSecret(keyEqualsValue, null) || isSecret("", keyEqualsValue) ? REPLACEMENT : keyEqualsValue;
    }
    String key = keyEqualsValue.substring(0, eq);
    return key + "=" + value(key.trim(), keyEqualsValue.substring(eq + 1));
  }

  /** {@link #entry} of each. */
  public List<String> entries(List<String> keyEqualsValues) {
    List<String> out = new ArrayList<>();
    keyEqualsValues.forEach(e -> out.add(entry(e)));
    return out;
  }

  /**
   * Free text (an error message, a log line) with secrets replaced: the value of every {@code
   * key=value} that {@link #entry} would redact, and every remembered secret value.
   */
  public String text(String s) {
    if (s == null) {
      return null;
    }
    String out = keyValues(s);
    for (String secret : knownSecrets()) {
      out = out.replace(secret, REPLACEMENT);
    }
    return out;
  }

  /**
   * As {@link #text}, for text that is bytes read as ISO-8859-1 (one char per byte, as a
   * line-by-line output filter reads them): secrets are looked for as their UTF-8 bytes.
   */
  public String latin1Text(String latin1) {
    String out = keyValues(latin1);
    for (String secret : knownSecrets()) {
      out = out.replace(new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), REPLACEMENT);
    }
    return out;
  }

  /** {@code s} with the value of every secret {@code key=value} in it redacted. */
  private String keyValues(String s) {
    Matcher m = KEY_VALUE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String shown = isSecret(m.group(1), m.group(2)) ? m.group(1) + "=" + REPLACEMENT : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(shown));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Remembers the secret values among {@code settings}, so that {@link #text} scrubs them wherever they appear. */
  public void remember(Map<String, String> settings) {
    settings.forEach((k, v) -> {
      if (v != null && v.length() >= MIN_REMEMBERED && isSecret(k, v)) {
        REMEMBERED.add(v);
      }
    });
  }

  /** Remembered secrets and secret {@code spark.*} system properties, longest first (so none is cut in part). */
  private List<String> knownSecrets() {
    Set<String> all = new java.util.HashSet<>(REMEMBERED);
    for (String k : System.getProperties().stringPropertyNames()) {
      String v = System.getProperty(k);
      if (k.startsWith("spark.") && v != null && v.length() >= MIN_REMEMBERED && isSecret(k, v)) {
        all.add(v);
      }
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return sorted;
  }
}
