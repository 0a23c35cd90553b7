package io.posekit.configgen;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One config file as its loader evaluated it: the neutral input of config-gen.
 *
 * <p>A file inherits in one of MMEngine's two ways. {@code _base_ = [...]}: its own values are
 * merged into its bases' (a base written {@code scope::path} also gets {@code _scope_} on its
 * outermost typed dicts, for this child only). Lazy import ({@code with read_base(): from .._base_.x
 * import *}): the bases are Python modules whose variables the file imports, then its code
 * reassigns or updates them; nothing is merged by key.
 *
 * @param name the file relative to the config root, with {@code /} ({@code _base_/default_runtime.py});
 *     it decides the generated class's package and name
 * @param bases the names of its base files, in the order the file lists (or imports) them
 * @param own for a {@code _base_} file, its own top-level variables as evaluated (before merging
 *     into the bases), with {@code _delete_} markers kept; for a lazy-import file, its variables as
 *     its code left them (config-gen works out what changed against its imports). Dicts
 *     implementing {@link io.posekit.spi.LocatedMap} give generated statements their file and line
 * @param merged the file's config as loaded: its own values merged into its bases
 * @param baseScopes the scope of each base written {@code scope::path} (by base name)
 * @param lazyImports null for a {@code _base_} file; for a lazy-import file its imports, in order
 */
public record ConfigLayer(String name, List<String> bases, Map<?, ?> own, Map<?, ?> merged,
    Map<String, String> baseScopes, List<LazyImport> lazyImports) {
  /** {@code from <base> import <name> as <alias>} ({@code name} {@code *}: every variable; alias null: none) at {@code line}. */
  public record LazyImport(String base, String name, String alias, int line) {
    public LazyImport {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(name, "name");
    }

    /** The name the importing file sees. */
    public String boundName() {
      return alias != null ? alias : name;
    }
  }

  public ConfigLayer {
    Objects.requireNonNull(name, "name");
    bases = List.copyOf(bases);
    Objects.requireNonNull(own, "own");
    Objects.requireNonNull(merged, "merged");
    baseScopes = Map.copyOf(baseScopes);
    lazyImports = lazyImports == null ? null : List.copyOf(lazyImports);
  }

  /** A {@code _base_} file without scoped bases. */
  public ConfigLayer(String name, List<String> bases, Map<?, ?> own, Map<?, ?> merged) {
    this(name, bases, own, merged, Map.of(), null);
  }

  /** Whether the file inherits by lazy import ({@code with read_base():}). */
  public boolean lazy() {
    return lazyImports != null;
  }
}
