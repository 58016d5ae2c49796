package org.gags.model.clip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gags.eval.QueryEmbeddings;
import org.gags.eval.Relevancy;

/**
 * The text side of a query run: the categories (as the label files write them) and the canonical
 * phrases {@link Relevancy#CANONICAL_PHRASES}, embedded once with the CLIP text tower in one batch
 * and L2-normalised ({@link ClipSession#embedTexts}), for {@link org.gags.eval.QueryScorer}.
 */
public final class TextQueries {
  private TextQueries() {}

  /**
   * Embeds every distinct category once, in first-seen order, with the canonical phrases.
   *
   * @throws IllegalArgumentException for a blank category
   */
  public static QueryEmbeddings embed(ClipSession session, Collection<String> categories) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String c : categories) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("text queries: expected non-blank categories, found '" + c + "'");
      }
      distinct.add(c);
    }
    List<String> texts = new ArrayList<>(distinct);
    texts.addAll(Relevancy.CANONICAL_PHRASES);
    float[][] rows = session.embedTexts(texts);
    Map<String, float[]> queries = new LinkedHashMap<>();
    int i = 0;
    for (String c : distinct) {
      queries.put(c, rows[i++]);
    }
    float[][] canonical = new float[Relevancy.CANONICAL_PHRASES.size()][];
    for (int k = 0; k < canonical.length; k++) {
      canonical[k] = rows[i++];
    }
    return new QueryEmbeddings(queries, canonical);
  }
}
