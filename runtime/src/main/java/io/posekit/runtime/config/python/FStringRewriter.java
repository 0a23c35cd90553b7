package io.posekit.runtime.config.python;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites Python 3 f-strings into {@code str.format} calls that Jython 2.7 can compile:
 * {@code f'{name}_{lr:.2f}'} becomes {@code ('{0}_{1:.2f}'.format((name), (lr)))}. A run of
 * implicitly concatenated literals containing an f-string becomes one template. Newlines are kept,
 * so line numbers in errors stay right.
 */
public final class FStringRewriter {
  private final String src;
  private int pos;
  private int depth; // bracket depth outside strings: newlines inside brackets do not end a run
  private final StringBuilder out = new StringBuilder();

  private FStringRewriter(String src) {
    this.src = src;
  }

  /** The source with every f-string rewritten; unchanged when there is none. */
  public static String rewrite(String source) {
    FStringRewriter r = new FStringRewriter(source);
    r.run();
    return r.out.toString();
  }

  private record Literal(String prefix, String quote, String body, int start, int end) {
    boolean isF() {
      return prefix.toLowerCase().contains("f");
    }

    boolean isRaw() {
      return prefix.toLowerCase().contains("r");
    }
  }

  private void run() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '#') {
        int end = src.indexOf('\n', pos);
        end = end < 0 ? src.length() : end;
        out.append(src, pos, end);
        pos = end;
      } else if (literalStartsAt(pos)) {
        rewriteRun();
      } else if (Character.isJavaIdentifierPart(c)) {
        int start = pos;
        while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
          pos++;
        }
        out.append(src, start, pos);
      } else {
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          depth = Math.max(0, depth - 1);
        }
        out.append(c);
        pos++;
      }
    }
  }

  /** True when a string literal (with an optional r/b/u/f prefix) starts at {@code at}. */
  private boolean literalStartsAt(int at) {
    int i = at;
    while (i < src.length() && i - at < 2 && "rRbBuUfF".indexOf(src.charAt(i)) >= 0) {
      i++;
    }
    if (i >= src.length() || (src.charAt(i) != '\'' && src.charAt(i) != '"')) {
      return false;
    }
    return at == 0 || !Character.isJavaIdentifierPart(src.charAt(at - 1));
  }

  private Literal readLiteral() {
    int start = pos;
    while ("rRbBuUfF".indexOf(src.charAt(pos)) >= 0) {
      pos++;
    }
    String prefix = src.substring(start, pos);
    char q = src.charAt(pos);
    String quote = src.startsWith("" + q + q + q, pos) ? "" + q + q + q : "" + q;
    pos += quote.length();
    int bodyStart = pos;
    boolean raw = prefix.toLowerCase().contains("r");
    while (pos < src.length() && !src.startsWith(quote, pos)) {
      if (src.charAt(pos) == '\\' && (!raw || pos + 1 < src.length())) {
        pos += 2;
      } else if (quote.length() == 1 && src.charAt(pos) == '\n') {
        break; // unterminated: let the compiler report it
      } else {
        pos++;
      }
    }
    String body = src.substring(bodyStart, Math.min(pos, src.length()));
    pos = Math.min(pos + quote.length(), src.length());
    return new Literal(prefix, quote, body, start, pos);
  }

  /** Reads the literals of one implicit concatenation; rewrites them only if one is an f-string. */
  private void rewriteRun() {
    int runStart = pos;
    List<Literal> run = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    run.add(readLiteral());
    while (true) {
      int save = pos;
      int gapEnd = skipGap(pos);
      if (gapEnd < src.length() && literalStartsAt(gapEnd)) {
        gaps.add(src.substring(save, gapEnd));
        pos = gapEnd;
        run.add(readLiteral());
      } else {
        pos = save;
        break;
      }
    }
    if (run.stream().noneMatch(Literal::isF)) {
      out.append(src, runStart, pos);
      return;
    }
    List<String> args = new ArrayList<>();
    out.append('(');
    for (int i = 0; i < run.size(); i++) {
      Literal lit = run.get(i);
      String prefix = lit.prefix().replaceAll("[fF]", "");
      out.append(prefix).append(lit.quote());
      out.append(lit.isF() ? template(lit, args) : lit.body().replace("{", "{{").replace("}", "}}"));
      out.append(lit.quote());
      if (i < gaps.size()) {
        out.append(gaps.get(i));
      }
    }
    out.append(".format(").append(String.join(", ", args)).append("))");
  }

  /** Whitespace, comments and line continuations between two literals of one concatenation. */
  private int skipGap(int from) {
    int i = from;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == ' ' || c == '\t' || c == '\f') {
        i++;
      } else if (c == '\\' && i + 1 < src.length() && src.charAt(i + 1) == '\n') {
        i += 2;
      } else if (depth > 0 && (c == '\n' || c == '\r')) {
        i++;
      } else if (depth > 0 && c == '#') {
        while (i < src.length() && src.charAt(i) != '\n') {
          i++;
        }
      } else {
        break;
      }
    }
    return i;
  }

  /** The format template of one f-string body; appends each field's expression to {@code args}. */
  private static String template(Literal lit, List<String> args) {
    String body = lit.body();
    StringBuilder t = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '{' && i + 1 < body.length() && body.charAt(i + 1) == '{') {
        t.append("{{");
        i += 2;
      } else if (c == '}' && i + 1 < body.length() && body.charAt(i + 1) == '}') {
        t.append("}}");
        i += 2;
      } else if (c == '{') {
        i = field(body, i + 1, t, args);
      } else {
        if (c == '\\' && i + 1 < body.length()) {
          t.append(c).append(body.charAt(i + 1));
          i += 2;
          continue;
        }
        t.append(c);
        i++;
      }
    }
    return t.toString();
  }

  /** One replacement field from just after its '{'; returns the index after its '}'. */
  private static int field(String body, int from, StringBuilder t, List<String> args) {
    int i = from;
    int nest = 0;
    char inString = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (inString != 0) {
        if (c == inString) {
          inString = 0;
        }
      } else if (c == '\'' || c == '"') {
        inString = c;
      } else if (c == '(' || c == '[' || c == '{') {
        nest++;
      } else if (c == ')' || c == ']' || (c == '}' && nest > 0)) {
        nest--;
      } else if (nest == 0 && (c == '}' || c == ':' || (c == '!' && i + 1 < body.length() && body.charAt(i + 1) != '='))) {
        break;
      }
      i++;
    }
    String expr = body.substring(from, i).strip();
    if (expr.endsWith("=")) {
      throw new IllegalArgumentException("f-string self-documenting '=' is not supported: {" + expr + "}");
    }
    t.append('{').append(args.size());
    if (i < body.length() && body.charAt(i) == '!') {
      char conversion = body.charAt(i + 1);
      // Python 3 repr (no u'' prefix) through the sandbox's repr; !s stays a format conversion
      args.add(conversion == 's' ? "(" + expr + ")" : "__pk_repr__(" + expr + ")");
      if (conversion == 's') {
        t.append("!s");
      }
      i += 2;
    } else {
      args.add("(" + expr + ")");
    }
    if (i < body.length() && body.charAt(i) == ':') {
      t.append(':');
      i++;
      while (i < body.length() && body.charAt(i) != '}') {
        if (body.charAt(i) == '{') {
          i = field(body, i + 1, t, args); // nested field in a format spec: {x:{width}}
        } else {
          t.append(body.charAt(i++));
        }
      }
    }
    t.append('}');
    return i + 1;
  }
}
