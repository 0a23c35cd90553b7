package io.posekit.runtime.config.python;

import io.posekit.runtime.config.dict.ConfigLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PySystemState;
import org.python.core.PyUnicode;
import org.python.util.PythonInterpreter;

/**
 * Compiles config source with the trusted helper {@code config_compiler.py}, which runs in its own
 * interpreter with the full standard library, apart from any config's sandbox.
 */
public final class PythonConfigCompiler {
  /**
   * The result of compiling one file: its {@code _base_} value and the code to run; for a
   * lazy-import config (MMEngine's {@code with read_base():} style) its base imports instead.
   */
  public record Compiled(List<String> baseFiles, List<PyCode> pieces, LazyImports lazy) {}

  /** A lazy-import config's {@code with read_base():} imports and the names it imports from elsewhere. */
  public record LazyImports(List<BaseImport> bases, List<String> importedNames) {}

  /** {@code from <module> import <names>} inside {@code with read_base():}; a null asname keeps the name. */
  public record BaseImport(String module, List<String[]> names, int line) {}

  // Compiled code by (sandbox flag, file, source): every config of a tree loads the same bases,
  // and compiling is most of the cost of a load. Code objects are immutable and each run gets
  // fresh globals and system state, so sharing them shares no config state; the key holds the
  // whole source text, so any change to a file compiles it again.
  private static final int CACHED_FILES = 1024;

  private static PythonConfigCompiler instance;

  private final Map<String, Compiled> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
      return size() > CACHED_FILES;
    }
  };

  private final PySystemState trustedState;
  private final PyObject prepare;
  private final Predicate<String> deniedAttribute;

  private PythonConfigCompiler() {
    JythonRuntime.ensureStarted();
    trustedState = new PySystemState();
    PythonInterpreter trusted = new PythonInterpreter(null, trustedState);
    trusted.exec(helperSource());
    prepare = trusted.get("prepare");
    Set<String> names = new HashSet<>();
    for (PyObject name : trusted.get("DENIED_ATTRIBUTES").asIterable()) {
      names.add(name.toString());
    }
    List<String> prefixes = new ArrayList<>();
    for (PyObject prefix : trusted.get("DENIED_ATTRIBUTE_PREFIXES").asIterable()) {
      prefixes.add(prefix.toString());
    }
    deniedAttribute = name -> names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
  }

  /**
   * The sandbox's rule for attribute names (config_compiler.py's {@code DENIED_ATTRIBUTES} and
   * {@code DENIED_ATTRIBUTE_PREFIXES}), for checks at run time such as format fields.
   */
  Predicate<String> deniedAttribute() {
    return deniedAttribute;
  }

  public static synchronized PythonConfigCompiler get() {
    if (instance == null) {
      instance = new PythonConfigCompiler();
    }
    return instance;
  }

  /**
   * Compiles {@code source} (f-string-free) of {@code file}. {@code forceLazy}: compile it as a
   * file a lazy-import config imports from; otherwise its style decides, as in MMEngine.
   */
  public synchronized Compiled compile(Path file, String source, boolean sandboxed, boolean forceLazy) {
    String key = sandboxed + "\u0000" + forceLazy + "\u0000" + file + "\u0000" + source;
    Compiled cached = cache.get(key);
    if (cached == null) {
      cached = compileNow(file, source, sandboxed, forceLazy);
      cache.put(key, cached);
    }
    return cached;
  }

  private Compiled compileNow(Path file, String source, boolean sandboxed, boolean forceLazy) {
    PySystemState previous = Py.setSystemState(trustedState);
    try {
      PyObject result = prepare.__call__(new PyObject[] {
          new PyUnicode(source), new PyString(file.toString()), Py.newBoolean(sandboxed),
          forceLazy ? Py.True : Py.None});
      PyObject bases = result.__getitem__(0);
      List<String> baseFiles = new ArrayList<>();
      if (bases instanceof PyString) {
        baseFiles.add(bases.toString());
      } else if (bases != Py.None) {
        for (PyObject b : bases.asIterable()) {
          if (!(b instanceof PyString)) {
            throw new ConfigLoadException(file, 0, "_base_ must hold file paths (strings), got " + b);
          }
          baseFiles.add(b.toString());
        }
      }
      List<PyCode> pieces = new ArrayList<>();
      for (PyObject code : result.__getitem__(1).asIterable()) {
        pieces.add((PyCode) code);
      }
      return new Compiled(List.copyOf(baseFiles), List.copyOf(pieces), lazyImports(result.__getitem__(2)));
    } catch (PyException e) {
      throw ScriptErrors.toLoadException(file, e);
    } finally {
      Py.setSystemState(previous);
    }
  }

  private static LazyImports lazyImports(PyObject info) {
    if (info == Py.None) {
      return null;
    }
    List<BaseImport> bases = new ArrayList<>();
    for (PyObject base : info.__getitem__(0).asIterable()) {
      List<String[]> names = new ArrayList<>();
      for (PyObject alias : base.__getitem__(1).asIterable()) {
        PyObject as = alias.__getitem__(1);
        names.add(new String[] {alias.__getitem__(0).toString(), as == Py.None ? null : as.toString()});
      }
      bases.add(new BaseImport(base.__getitem__(0).toString(), List.copyOf(names), base.__getitem__(2).asInt()));
    }
    List<String> imported = new ArrayList<>();
    for (PyObject name : info.__getitem__(1).asIterable()) {
      imported.add(name.toString());
    }
    return new LazyImports(List.copyOf(bases), List.copyOf(imported));
  }

  private static String helperSource() {
    try (InputStream in = PythonConfigCompiler.class.getResourceAsStream("config_compiler.py")) {
      if (in == null) {
        throw new IllegalStateException("config_compiler.py is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read config_compiler.py", e);
    }
  }
}
