package io.posekit.configgen;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;

/** Formats generated source with google-java-format, so the output is laid out by a formatter, not by hand. */
public final class JavaFormatting {
  /** The JVM options google-java-format needs on Java 17 (javac's parser is not exported). */
  public static final String JVM_OPTIONS = "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED"
      + " --add-exports=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED"
      + " --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED"
      + " --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED"
      + " --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED"
      + " --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED";

  private JavaFormatting() {}

  public static String format(String source) {
    try {
      return new Formatter().formatSource(source);
    } catch (FormatterException e) {
      throw new ConfigGenException("config-gen wrote Java that does not parse (a config-gen bug): "
          + e.diagnostics() + "\n" + source, e);
    } catch (IllegalAccessError e) {
      throw new ConfigGenException("google-java-format cannot reach javac's parser: run the JVM with " + JVM_OPTIONS
          + " (for Maven: put them in .mvn/jvm.config)", e);
    }
  }
}
