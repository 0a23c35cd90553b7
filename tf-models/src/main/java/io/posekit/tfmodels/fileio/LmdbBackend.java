package io.posekit.tfmodels.fileio;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * MMEngine's {@code LmdbBackend}: the path is the key (UTF-8, which is MMEngine's ASCII for the
 * paths it accepts) and the value the file's bytes, in the main database of the LMDB at
 * {@code db_path}. The environment opens on the first read with py-lmdb's defaults as MMEngine
 * passes them ({@code readonly=True, lock=False, readahead=False}, {@code subdir=True}); each reading
 * thread keeps one read transaction, reset between reads and renewed for the next.
 */
final class LmdbBackend implements StorageBackend {
  private final String dbPath;
  private final boolean readonly;
  private final boolean lock;
  private final boolean readahead;
  private final boolean subdir;
  private final long mapSize;
  private final int maxReaders;
  private final List<Txn<byte[]>> txns = new ArrayList<>();
  private final ThreadLocal<Txn<byte[]>> txn = new ThreadLocal<>();
  private volatile Env<byte[]> env;
  private volatile Dbi<byte[]> db;

  private LmdbBackend(String dbPath, boolean readonly, boolean lock, boolean readahead, boolean subdir, long mapSize, int maxReaders) {
    this.dbPath = dbPath;
    this.readonly = readonly;
    this.lock = lock;
    this.readahead = readahead;
    this.subdir = subdir;
    this.mapSize = mapSize;
    this.maxReaders = maxReaders;
  }

  static LmdbBackend create(BackendArgs args) {
    Object dbPath = args.take("db_path");
    if (!(dbPath instanceof String path) || path.isEmpty()) {
      throw new IllegalArgumentException("backend_args: the lmdb backend needs db_path, the LMDB folder, got " + dbPath);
    }
    LmdbBackend backend = new LmdbBackend(path,
        args.takeBoolean("readonly", true),
        args.takeBoolean("lock", false),
        args.takeBoolean("readahead", false),
        args.takeBoolean("subdir", true),
        args.takeLong("map_size", 10L << 20),
        (int) args.takeLong("max_readers", 126));
    args.requireAllTaken();
    return backend;
  }

  @Override
  public String name() {
    return "lmdb";
  }

  private Dbi<byte[]> open() {
    if (db == null) {
      synchronized (this) {
        if (db == null) {
          File file = new File(dbPath);
          if (subdir ? !new File(file, "data.mdb").isFile() : !file.isFile()) {
            throw new MissingFileException(dbPath, dbPath + ": no LMDB there (" + (subdir ? "no data.mdb in the folder" : "no such file") + ")");
          }
          List<EnvFlags> flags = new ArrayList<>(List.of(EnvFlags.MDB_NOTLS));
          if (readonly) {
            flags.add(EnvFlags.MDB_RDONLY_ENV);
          }
          if (!lock) {
            flags.add(EnvFlags.MDB_NOLOCK);
          }
          if (!readahead) {
            flags.add(EnvFlags.MDB_NORDAHEAD);
          }
          if (!subdir) {
            flags.add(EnvFlags.MDB_NOSUBDIR);
          }
          try {
            Env<byte[]> e = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(mapSize).setMaxReaders(maxReaders)
                .open(file, flags.toArray(EnvFlags[]::new));
            Dbi<byte[]> d = e.openDbi((byte[]) null);
            env = e;
            db = d;
          } catch (LmdbException e) {
            throw new StorageException(dbPath, dbPath + ": cannot open the LMDB: " + e.getMessage(), e);
          }
        }
      }
    }
    return db;
  }

  /** This thread's read transaction, renewed to see the database as it is now. */
  private Txn<byte[]> readTxn() {
    Txn<byte[]> t = txn.get();
    if (t == null) {
      t = env.txnRead();
      synchronized (txns) {
        txns.add(t);
      }
      txn.set(t);
    } else {
      t.renew();
    }
    return t;
  }

  @Override
  public byte[] get(String filepath) {
    Dbi<byte[]> d = open();
    Txn<byte[]> t = readTxn();
    byte[] value;
    try {
      value = d.get(t, filepath.getBytes(StandardCharsets.UTF_8));
    } catch (LmdbException e) {
      throw new StorageException(filepath, dbPath + ": cannot read key " + filepath + ": " + e.getMessage(), e);
    } finally {
      t.reset();
    }
    if (value == null) {
      throw new MissingFileException(filepath, dbPath + ": no key " + filepath + " in the LMDB");
    }
    return value;
  }

  @Override
  public boolean exists(String filepath) {
    try {
      get(filepath);
      return true;
    } catch (MissingFileException e) {
      return false;
    }
  }

  /** The keys, as {@code posekit make-lmdb} wrote them (for tests and tools). */
  List<String> keys() {
    Dbi<byte[]> d = open();
    Txn<byte[]> t = readTxn();
    List<String> out = new ArrayList<>();
    try (var cursor = d.iterate(t)) {
      for (var kv : cursor) {
        out.add(new String(kv.key(), StandardCharsets.UTF_8));
      }
    } finally {
      t.reset();
    }
    return out;
  }
}
