package io.posekit.configgen;

import com.palantir.javapoet.CodeBlock;
import io.posekit.spi.LocatedMap;
import io.posekit.spi.SourceLocation;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code // file:line} comments that tie each generated statement to the config line that wrote it. */
final class SourceComments {
  private final Path root;
  private String currentFile = "";

  SourceComments(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The file whose class is being written: its own lines are written {@code line 12}. */
  void setCurrentFile(String name) {
    this.currentFile = name;
  }

  /** Where {@code key} of {@code dict} was written, as {@code configs/relative/file.py:12}; empty if unknown. */
  Optional<String> where(Object dict, Object key) {
    if (!(dict instanceof LocatedMap located)) {
      return Optional.empty();
    }
    return located.locationOf(key).map(this::describe);
  }

  String describe(SourceLocation location) {
    String file = relative(location.file());
    return location.line() > 0 ? file + ":" + location.line() : file;
  }

  String relative(String file) {
    Path p = Path.of(file);
    if (p.isAbsolute() && p.normalize().startsWith(root)) {
      return root.relativize(p.normalize()).toString().replace('\\', '/');
    }
    return file;
  }

  /**
   * {@code // line 12} (or {@code // other/file.py:12} for a value a base wrote) and a line break;
   * nothing when the key sits on the line of its dict, which the enclosing statement already names.
   */
  CodeBlock lineComment(Object dict, Object key) {
    if (!(dict instanceof LocatedMap located)) {
      return CodeBlock.of("");
    }
    Optional<SourceLocation> at = located.locationOf(key);
    if (at.isEmpty() || at.equals(located.location())
        || located.location().filter(d -> sameLine(d, at.get())).isPresent()) {
      return CodeBlock.of("");
    }
    return CodeBlock.of("// $L\n", shortForm(at.get()));
  }

  private static boolean sameLine(SourceLocation a, SourceLocation b) {
    return a.file().equals(b.file()) && a.line() == b.line();
  }

  private String shortForm(SourceLocation location) {
    String file = relative(location.file());
    if (file.equals(currentFile) && location.line() > 0) {
      return "line " + location.line();
    }
    return describe(location);
  }
}
