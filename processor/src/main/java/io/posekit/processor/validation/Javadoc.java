package io.posekit.processor.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of javadoc the metadata keeps: first sentences of the description and of {@code @param} tags. */
public final class Javadoc {
  private Javadoc() {}

  /** The first sentence of the description (before any block tag), or empty. */
  public static String firstSentence(String docComment) {
    if (docComment == null) {
      return "";
    }
    int tag = docComment.indexOf("\n@");
    String description = docComment.trim().startsWith("@") ? "" : (tag < 0 ? docComment : docComment.substring(0, tag));
    return sentence(description);
  }

  /** Parameter name → first sentence of its {@code @param} tag. */
  public static Map<String, String> paramDocs(String docComment) {
    Map<String, String> out = new LinkedHashMap<>();
    if (docComment == null) {
      return out;
    }
    String[] blocks = ("\n" + docComment).split("\n\\s*@");
    for (String block : blocks) {
      if (block.startsWith("param ")) {
        String rest = block.substring("param ".length()).trim();
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        out.put(name, space < 0 ? "" : sentence(rest.substring(space + 1)));
      }
    }
    return out;
  }

  private static String sentence(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    int end = flat.indexOf(". ");
    String first = end < 0 ? flat : flat.substring(0, end + 1);
    return first.replaceAll("\\{@\\w+\\s+([^}]*)}", "$1");
  }
}
