package io.posekit.tfmodels.distributed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the processes of one run learn each other's TensorFlow server addresses, as PyTorch's
 * TCPStore does for {@code init_process_group}: rank 0 listens on the master address and port,
 * every other rank connects and says its rank and its server's port, and rank 0 answers everyone
 * with the whole list once all have come. The connections then stay open as the run's liveness
 * channel: a process that dies closes its socket, rank 0 sees it and tells the others which rank
 * was lost, so no process waits on a collective that cannot finish.
 */
public final class Rendezvous implements AutoCloseable {
  private static final int MAGIC = 0x504B5256; // "PKRV"
  private static final int ADDRESSES = 1;
  private static final int LOST = 2;

  private final int rank;
  private final List<String> addresses;
  private final List<Socket> peers; // rank 0: one per other rank (index rank-1); others: the master
  private final ServerSocket listener;
  private volatile boolean closing;

  private Rendezvous(int rank, List<String> addresses, List<Socket> peers, ServerSocket listener) {
    this.rank = rank;
    this.addresses = addresses;
    this.peers = peers;
    this.listener = listener;
  }

  /** Every task's {@code host:port}, by rank. */
  public List<String> addresses() {
    return addresses;
  }

  /**
   * Joins the run's rendezvous: as rank 0 listens on {@code masterAddr:masterPort} for the others,
   * as another rank connects to it (retrying until {@code timeout}). {@code serverPort} is the port
   * this process's TensorFlow server will listen on; its host is the address rank 0 sees.
   */
  public static Rendezvous join(DistInfo dist, String masterAddr, int masterPort, int serverPort, Duration timeout) {
    return dist.rank() == 0
        ? host(dist, masterAddr, masterPort, serverPort, timeout)
        : connect(dist, masterAddr, masterPort, serverPort, timeout);
  }

  private static Rendezvous host(DistInfo dist, String masterAddr, int masterPort, int serverPort, Duration timeout) {
    ServerSocket listener;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(masterAddr, masterPort));
    } catch (BindException e) {
      throw new DistributedException("rank 0 cannot listen on the master address " + masterAddr + ":" + masterPort
          + " (" + e.getMessage() + "): the port is in use or the address is not this machine's; choose another --master-port", e);
    } catch (IOException e) {
      throw new DistributedException("rank 0 cannot listen on " + masterAddr + ":" + masterPort + ": " + e.getMessage(), e);
    }
    int world = dist.worldSize();
    String[] addresses = new String[world];
    addresses[0] = masterAddr + ":" + serverPort;
    Socket[] peers = new Socket[world - 1];
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (int joined = 1; joined < world; joined++) {
        int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        listener.setSoTimeout(left);
        Socket socket;
        try {
          socket = listener.accept();
        } catch (SocketTimeoutException e) {
          throw new DistributedException("rank 0 waited " + timeout.toSeconds() + " s at " + masterAddr + ":" + masterPort
              + " and only ranks " + ranks(addresses, true) + " of " + world + " joined: ranks " + ranks(addresses, false)
              + " did not start or cannot reach the master");
        }
        socket.setSoTimeout(left);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        if (in.readInt() != MAGIC) {
          socket.close();
          joined--; // not one of ours: something else knocked on the port
          continue;
        }
        int peerRank = in.readInt();
        int peerWorld = in.readInt();
        int peerPort = in.readInt();
        if (peerWorld != world) {
          throw new DistributedException("rank " + peerRank + " was started with a world of " + peerWorld
              + " processes, rank 0 with " + world + ": every process needs the same --nnodes and --nproc-per-node");
        }
        if (peerRank <= 0 || peerRank >= world || addresses[peerRank] != null) {
          throw new DistributedException("two processes claim rank " + peerRank + " (or it is outside 0.." + (world - 1)
              + "): check --node-rank on each node");
        }
        addresses[peerRank] = socket.getInetAddress().getHostAddress() + ":" + peerPort;
        peers[peerRank - 1] = socket;
        socket.setSoTimeout(0);
      }
      for (Socket socket : peers) {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(ADDRESSES);
        out.writeInt(world);
        for (String address : addresses) {
          out.writeUTF(address);
        }
        out.flush();
      }
    } catch (IOException e) {
      closeQuietly(listener, peers);
      throw new DistributedException("rendezvous at " + masterAddr + ":" + masterPort + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(listener, peers);
      throw e;
    }
    return new Rendezvous(0, List.of(addresses), Arrays.asList(peers), listener);
  }

  private static Rendezvous connect(DistInfo dist, String masterAddr, int masterPort, int serverPort, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(masterAddr, masterPort), 2000);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(MAGIC);
        out.writeInt(dist.rank());
        out.writeInt(dist.worldSize());
        out.writeInt(serverPort);
        out.flush();
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int kind = in.readInt();
        if (kind != ADDRESSES) {
          throw new DistributedException("rank " + dist.rank() + ": rank 0 gave up on the rendezvous (message " + kind + ")");
        }
        int world = in.readInt();
        List<String> addresses = new ArrayList<>(world);
        for (int i = 0; i < world; i++) {
          addresses.add(in.readUTF());
        }
        socket.setSoTimeout(0);
        return new Rendezvous(dist.rank(), List.copyOf(addresses), List.of(socket), null);
      } catch (ConnectException | SocketTimeoutException e) {
        last = e;
        closeQuietly(null, socket);
        sleep(200);
      } catch (EOFException e) {
        closeQuietly(null, socket);
        throw new DistributedException("rank " + dist.rank() + ": rank 0 at " + masterAddr + ":" + masterPort
            + " closed the rendezvous before sending the addresses (it failed or timed out; see its log)", e);
      } catch (IOException e) {
        last = e;
        closeQuietly(null, socket);
        sleep(200);
      }
    }
    throw new DistributedException("rank " + dist.rank() + " could not reach the master " + masterAddr + ":" + masterPort
        + " within " + timeout.toSeconds() + " s" + (last == null ? "" : " (" + last.getMessage() + ")")
        + ": is rank 0 running, and are --master-addr and --master-port the same on every node?", last);
  }

  /**
   * Watches the other processes from now on: {@code onLost} gets a message naming the rank that
   * went away (its process ended or its connection broke). On rank 0 a lost rank is also told to
   * every other rank, so they stop too.
   */
  public void watch(Consumer<String> onLost) {
    for (int i = 0; i < peers.size(); i++) {
      Socket socket = peers.get(i);
      int peerRank = rank == 0 ? i + 1 : 0;
      Thread watcher = new Thread(() -> {
        String message;
        try {
          DataInputStream in = new DataInputStream(socket.getInputStream());
          int kind = in.readInt();
          message = kind == LOST ? in.readUTF() : "rank " + peerRank + " sent an unknown message " + kind;
        } catch (IOException e) {
          message = "rank " + peerRank + " stopped (its connection to " + (rank == 0 ? "rank 0" : "it") + " closed: "
              + (e instanceof EOFException ? "process ended" : e.getMessage()) + ")";
        }
        if (closing) {
          return;
        }
        if (rank == 0) {
          tellOthers(message, socket);
        }
        onLost.accept(message);
      }, "posekit-rendezvous-watch-" + peerRank);
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  private void tellOthers(String message, Socket except) {
    for (Socket socket : peers) {
      if (socket == except) {
        continue;
      }
      try {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        synchronized (socket) {
          out.writeInt(LOST);
          out.writeUTF(message);
          out.flush();
        }
      } catch (IOException e) {
        // that rank is gone too; its own watcher reports it
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    closeQuietly(listener, peers.toArray(Socket[]::new));
  }

  /** The ranks that have joined ({@code joined}) or not yet, as a list. */
  private static String ranks(String[] addresses, boolean joined) {
    List<Integer> ranks = new ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      if ((addresses[i] != null) == joined) {
        ranks.add(i);
      }
    }
    return ranks.toString();
  }

  private static void closeQuietly(ServerSocket listener, Socket... sockets) {
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      try {
        if (socket != null) {
          socket.close();
        }
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DistributedException("interrupted while waiting for the master", e);
    }
  }
}
