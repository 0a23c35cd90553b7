package io.posekit.runtime.config;

import java.util.List;

/**
 * MMEngine's {@code Config.diff}: a unified diff (three lines of context) of the pretty texts of
 * two configs; empty when they print the same.
 */
final class ConfigDiff {
  private static final int CONTEXT = 3;

  private ConfigDiff() {}

  static String unified(String aName, String aText, String bName, String bText) {
    List<String> a = aText.lines().toList();
    List<String> b = bText.lines().toList();
    String ops = editScript(a, b);
    if (ops.chars().allMatch(op -> op == ' ')) {
      return "";
    }
    StringBuilder out = new StringBuilder("--- ").append(aName).append("\n+++ ").append(bName).append('\n');
    // ai[k], bi[k]: the lines of a and b consumed before op k
    int n = ops.length();
    int[] ai = new int[n + 1];
    int[] bi = new int[n + 1];
    for (int k = 0; k < n; k++) {
      char kind = ops.charAt(k);
      ai[k + 1] = ai[k] + (kind != '+' ? 1 : 0);
      bi[k + 1] = bi[k] + (kind != '-' ? 1 : 0);
    }
    int k = 0;
    while (k < n) {
      if (ops.charAt(k) == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // extend the hunk while the next change is within 2 * CONTEXT unchanged lines
      int unchanged = 0;
      int j = k;
      while (j < n && unchanged <= 2 * CONTEXT) {
        unchanged = ops.charAt(j) == ' ' ? unchanged + 1 : 0;
        if (unchanged == 0) {
          end = j + 1;
        }
        j++;
      }
      end = Math.min(n, end + CONTEXT);
      out.append("@@ -").append(range(ai[start], ai[end] - ai[start]))
          .append(" +").append(range(bi[start], bi[end] - bi[start])).append(" @@\n");
      for (int m = start; m < end; m++) {
        char kind = ops.charAt(m);
        String line = kind == '+' ? b.get(bi[m]) : a.get(ai[m]);
        out.append(kind).append(line).append('\n');
      }
      k = end;
    }
    return out.toString();
  }

  private static String range(int start, int length) {
    int first = length == 0 ? start : start + 1;
    return length == 1 ? Integer.toString(first) : first + "," + length;
  }

  /** A shortest edit script by longest common subsequence: ' ' keep, '-' from a, '+' from b. */
  private static String editScript(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder ops = new StringBuilder();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        ops.append(' ');
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.append('-'); // removals before additions, as difflib shows a change
        i++;
      } else {
        ops.append('+');
        j++;
      }
    }
    return ops.toString();
  }
}
