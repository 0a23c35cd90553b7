package io.posekit.configgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.posekit.spi.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a lazy-import file changed in the variables it imported, worked out from before and after. */
class LazyImportChangesTest {
  private static final String BASE = "/cfg/_base_/runtime.py";
  private static final String FILE = "/cfg/body/child.py";

  private static Map<Object, Object> changes(Map<?, ?> imported, Map<?, ?> variables) {
    return LazyImportChanges.of(imported, variables, at -> at.file().equals(FILE));
  }

  private static LocatedDict baseDict(int line) {
    return new LocatedDict(BASE, line);
  }

  @Test
  void updatesGiveTheChangedKeysAndAssignmentsReplace() {
    LocatedDict imported = baseDict(1)
        .at(1, "default_scope", "mmpose")
        .at(2, "train_cfg", baseDict(2).at(2, "by_epoch", true))
        .at(3, "default_hooks", baseDict(3)
            .at(4, "logger", baseDict(4).at(4, "type", "LoggerHook").at(4, "interval", 50))
            .at(5, "checkpoint", baseDict(5).at(5, "type", "CheckpointHook").at(5, "interval", 10)))
        .at(7, "model", baseDict(7).at(7, "type", "A").at(7, "depth", 18));
    LocatedDict variables = new LocatedDict(FILE, 1)
        .at(BASE, 1, "default_scope", "mmpose")
        // train_cfg.update(max_epochs=50) on line 9: the variable keeps its base location
        .at(BASE, 2, "train_cfg", new LocatedDict(BASE, 2).at(BASE, 2, "by_epoch", true).at(FILE, 9, "max_epochs", 50))
        // default_hooks.update(checkpoint=dict(save_best='coco/AP')) on line 6 (recursive update)
        .at(BASE, 3, "default_hooks", new LocatedDict(BASE, 3)
            .at(BASE, 4, "logger", baseDict(4).at(4, "type", "LoggerHook").at(4, "interval", 50))
            .at(BASE, 5, "checkpoint", new LocatedDict(BASE, 5).at(BASE, 5, "type", "CheckpointHook")
                .at(BASE, 5, "interval", 10).at(FILE, 6, "save_best", "coco/AP")))
        // model = dict(type='A', depth=50) on line 12: same keys, but an assignment replaces
        .at(12, "model", new LocatedDict(FILE, 12).at(12, "type", "A").at(12, "depth", 50))
        .at(11, "codec", new LocatedDict(FILE, 11).at(11, "sigma", 2));

    Map<Object, Object> changes = changes(imported, variables);
    // in the order of the lines that made them; the unchanged default_scope is left out
    assertEquals(List.of("default_hooks", "train_cfg", "codec", "model"), List.copyOf(changes.keySet()));
    assertEquals(Map.of("max_epochs", 50), changes.get("train_cfg"));
    assertEquals(Map.of("checkpoint", Map.of("save_best", "coco/AP")), changes.get("default_hooks"));
    assertSame(LazyImportChanges.REPLACED, changes.get("model"));
    assertEquals(variables.get("codec"), changes.get("codec"));
    // an updated variable is located at its first change, not where the base wrote it
    LazyImportChanges.Changes located = (LazyImportChanges.Changes) changes;
    assertEquals(new SourceLocation(FILE, 6), located.locationOf("default_hooks").orElseThrow());
    assertEquals(new SourceLocation(FILE, 9), located.locationOf("train_cfg").orElseThrow());
  }

  @Test
  void aDictThatLostOrMovedKeysIsReplaced() {
    LocatedDict imported = baseDict(1)
        .at(2, "hooks", baseDict(2).at(2, "a", baseDict(2).at(2, "x", 1).at(2, "y", 2)).at(2, "b", 1));
    // hooks['a'] = dict(y=3) on line 5: lost 'x', replaced; 'b' unchanged
    LocatedDict lost = new LocatedDict(FILE, 1)
        .at(BASE, 2, "hooks", new LocatedDict(BASE, 2).at(FILE, 5, "a", new LocatedDict(FILE, 5).at(5, "y", 3)).at(BASE, 2, "b", 1));
    assertEquals(Map.of("a", LazyImportChanges.REPLACED), changes(imported, lost).get("hooks"));
    // keys in another order: replaced as a whole
    LocatedDict moved = new LocatedDict(FILE, 1)
        .at(BASE, 2, "hooks", new LocatedDict(BASE, 2).at(BASE, 2, "b", 1).at(BASE, 2, "a", baseDict(2).at(2, "x", 1).at(2, "y", 2)));
    assertSame(LazyImportChanges.REPLACED, changes(imported, moved).get("hooks"));
  }
}
