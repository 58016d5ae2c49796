package org.gags.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads elements back from a browser's serialised DOM (what {@code --dump-dom} prints): start tags
 * of one name with their attributes (entities decoded) and, for elements without child elements,
 * their text. Enough for checking a generated page, not a general HTML parser.
 */
public final class DomTags {
  /** One element: its attributes in document order and its text ({@code null} when it has child elements). */
  public record Element(Map<String, String> attributes, String text) {
    public String attr(String name) {
      return attributes.get(name);
    }

    public boolean hasClass(String cls) {
      String c = attributes.get("class");
      return c != null && List.of(c.split("\\s+")).contains(cls);
    }
  }

  private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=/>]+)(?:=\"([^\"]*)\")?");

  private DomTags() {}

  public static List<Element> all(String dom, String tag) {
    Pattern start = Pattern.compile("<" + tag + "(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    Matcher m = start.matcher(dom);
    List<Element> out = new ArrayList<>();
    while (m.find()) {
      Map<String, String> attrs = new LinkedHashMap<>();
      if (m.group(1) != null) {
        Matcher a = ATTRIBUTE.matcher(m.group(1));
        while (a.find()) {
          attrs.put(a.group(1), a.group(2) == null ? "" : decode(a.group(2)));
        }
      }
      String text = null;
      int close = dom.indexOf("</" + tag + ">", m.end());
      if (close >= 0) {
        String inner = dom.substring(m.end(), close);
        if (inner.indexOf('<') < 0) {
          text = decode(inner);
        }
      }
      out.add(new Element(attrs, text));
    }
    return out;
  }

  /** The elements of {@code tag} with class {@code cls}. */
  public static List<Element> withClass(String dom, String tag, String cls) {
    return all(dom, tag).stream().filter(e -> e.hasClass(cls)).toList();
  }

  static String decode(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
  }
}
