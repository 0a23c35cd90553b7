package io.posekit.spi;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelled keys and type names, by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /** The closest candidate that is plausibly a misspelling of {@code word}, if any. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    return closest(word, candidates, 1).stream().findFirst();
  }

  /**
   * Up to {@code limit} candidates close enough to be a misspelling of {@code word}, closest first
   * (ties keep the candidates' order).
   */
  public static List<String> closest(String word, Collection<String> candidates, int limit) {
    int threshold = Math.max(2, word.length() / 3);
    String needle = word.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .map(c -> new Scored(c, distance(needle, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance <= threshold)
        .sorted(Comparator.comparingInt(Scored::distance))
        .limit(limit)
        .map(Scored::candidate)
        .toList();
  }

  /** {@code did you mean 'x'?}, or null when nothing is close. */
  public static String didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> "did you mean '" + c + "'?").orElse(null);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }

  private record Scored(String candidate, int distance) {}
}
