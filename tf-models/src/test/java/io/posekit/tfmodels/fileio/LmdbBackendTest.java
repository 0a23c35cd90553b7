package io.posekit.tfmodels.fileio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lmdb backend over a real LMDB written in MMEngine's layout (key: the path, value: the bytes). */
class LmdbBackendTest {
  @TempDir Path dir;

  private static byte[] valueOf(int i) {
    byte[] b = new byte[100 + i];
    for (int j = 0; j < b.length; j++) {
      b[j] = (byte) (i * 31 + j);
    }
    return b;
  }

  private Path write(int n) {
    Path db = dir.resolve("db");
    try (LmdbWriter w = new LmdbWriter(db, 64L << 20)) {
      for (int i = 0; i < n; i++) {
        assertTrue(w.put("data/coco/train2017/" + i + ".jpg", valueOf(i)));
      }
      assertFalse(w.put("data/coco/train2017/0.jpg", new byte[] {9}), "an existing key is kept");
      assertEquals(n, w.count());
    }
    return db;
  }

  @Test
  void readsEachKeyFromManyThreads() throws Exception {
    Path db = write(2500); // more than one write transaction
    Map<String, Object> args = Map.of("backend", "lmdb", "db_path", db.toString());
    assertEquals("lmdb", FileIO.getFileBackend(null, args).name());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t;
        done.add(pool.submit(() -> {
          for (int i = first; i < 2500; i += 4) {
            assertArrayEquals(valueOf(i), FileIO.get("data/coco/train2017/" + i + ".jpg", args));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals(valueOf(0), FileIO.get("data/coco/train2017/0.jpg", args), "the first value written stays");
    assertTrue(FileIO.exists("data/coco/train2017/7.jpg", args));
    assertFalse(FileIO.exists("data/coco/train2017/x.jpg", args));
    assertEquals(2500, ((LmdbBackend) FileIO.getFileBackend(null, args)).keys().size());
  }

  @Test
  void aMissingKeyOrDatabaseIsNamed() {
    Path db = write(3);
    Map<String, Object> args = Map.of("backend", "lmdb", "db_path", db.toString());
    var e = assertThrows(MissingFileException.class, () -> FileIO.get("data/coco/val2017/1.jpg", args));
    assertEquals(db + ": no key data/coco/val2017/1.jpg in the LMDB", e.getMessage());
    String nowhere = dir.resolve("none").toString();
    var none = assertThrows(MissingFileException.class,
        () -> FileIO.get("k", Map.of("backend", "lmdb", "db_path", nowhere)));
    assertEquals(nowhere + ": no LMDB there (no data.mdb in the folder)", none.getMessage());
    var noPath = assertThrows(IllegalArgumentException.class, () -> FileIO.getFileBackend(null, Map.of("backend", "lmdb")));
    assertTrue(noPath.getMessage().startsWith("backend_args: the lmdb backend needs db_path"), noPath.getMessage());
    var extra = assertThrows(IllegalArgumentException.class,
        () -> FileIO.getFileBackend(null, Map.of("backend", "lmdb", "db_path", "x", "path_mapping", Map.of())));
    assertEquals("backend_args: the lmdb backend takes no argument path_mapping", extra.getMessage());
  }

  @Test
  void aSecondWriterIntoTheSameFolderIsRefused() {
    Path db = write(1);
    var e = assertThrows(IllegalArgumentException.class, () -> new LmdbWriter(db, 1 << 20));
    assertTrue(e.getMessage().contains("already holds an LMDB"), e.getMessage());
  }
}
