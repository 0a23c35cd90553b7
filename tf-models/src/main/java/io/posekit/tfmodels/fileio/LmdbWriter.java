package io.posekit.tfmodels.fileio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * Writes an LMDB in MMEngine's layout (key: the file's path, value: its bytes) into a folder, as the
 * {@code lmdb} backend reads it; for {@code posekit make-lmdb}. Puts go in batches of transactions
 * so a large data set does not hold one transaction open.
 */
public final class LmdbWriter implements AutoCloseable {
  private static final int PUTS_PER_TXN = 1000;

  private final Path dir;
  private final Env<byte[]> env;
  private final Dbi<byte[]> db;
  private Txn<byte[]> txn;
  private int inTxn = 0;
  private long count = 0;

  /** A new LMDB in {@code dir} (created if needed) that may grow to {@code mapSize} bytes. */
  public LmdbWriter(Path dir, long mapSize) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      if (Files.exists(dir.resolve("data.mdb"))) {
        throw new IllegalArgumentException(dir + ": already holds an LMDB (data.mdb); remove it or pick another folder");
      }
      env = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(mapSize).setMaxDbs(1).open(dir.toFile());
    } catch (IOException e) {
      throw new StorageException(dir.toString(), dir + ": cannot create the LMDB folder: " + e, e);
    } catch (LmdbException e) {
      throw new StorageException(dir.toString(), dir + ": cannot create the LMDB: " + e.getMessage(), e);
    }
    db = env.openDbi((byte[]) null, DbiFlags.MDB_CREATE);
    txn = env.txnWrite();
  }

  /** Stores {@code value} under {@code key}; false if the key was there already (its value is kept). */
  public boolean put(String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    if (k.length > env.getMaxKeySize()) {
      throw new IllegalArgumentException(key + ": too long for an LMDB key (" + k.length + " bytes, at most " + env.getMaxKeySize() + ")");
    }
    boolean added;
    try {
      added = db.put(txn, k, value, org.lmdbjava.PutFlags.MDB_NOOVERWRITE);
    } catch (Env.MapFullException e) {
      throw new StorageException(dir.toString(), dir + ": the LMDB is full at " + count + " entries; give it a larger map size", e);
    }
    if (added) {
      count++;
      if (++inTxn == PUTS_PER_TXN) {
        txn.commit();
        txn.close();
        txn = env.txnWrite();
        inTxn = 0;
      }
    }
    return added;
  }

  public long count() {
    return count;
  }

  @Override
  public void close() {
    txn.commit();
    txn.close();
    env.close();
  }
}
