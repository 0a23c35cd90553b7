package io.posekit.runtime.engine.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.distributed.DistInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistEnvTest {
  @Test
  void torchrunVariablesGiveRankWorldAndMaster() {
    DistEnv env = DistEnv.read("pytorch", Map.of("RANK", "5", "WORLD_SIZE", "8", "LOCAL_RANK", "1", "LOCAL_WORLD_SIZE", "4",
        "MASTER_ADDR", "10.0.0.2", "MASTER_PORT", "29501"));
    assertEquals(new DistInfo(5, 8, 1, 4), env.info());
    assertEquals("10.0.0.2", env.masterAddr());
    assertEquals(29501, env.masterPort());
  }

  @Test
  void aMissingVariableIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DistEnv.read("tf", Map.of("RANK", "0", "WORLD_SIZE", "2", "LOCAL_RANK", "0", "MASTER_PORT", "1")));
    assertTrue(e.getMessage().contains("--launcher tf needs the environment variable MASTER_ADDR"), e.getMessage());
  }

  @Test
  void aRankOutsideTheWorldIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistEnv.read("tf",
        Map.of("RANK", "2", "WORLD_SIZE", "2", "LOCAL_RANK", "0", "MASTER_ADDR", "h", "MASTER_PORT", "1")));
    assertTrue(e.getMessage().contains("rank 2 is not in a world of 2 processes"), e.getMessage());
  }

  @Test
  void slurmReadsItsOwnVariablesAndTheFirstNodeAsMaster() {
    DistEnv env = DistEnv.read("slurm", Map.of("SLURM_PROCID", "3", "SLURM_NTASKS", "4", "SLURM_LOCALID", "1",
        "SLURM_NTASKS_PER_NODE", "2(x2)", "SLURM_NODELIST", "gpu[07-08]"));
    assertEquals(new DistInfo(3, 4, 1, 2), env.info());
    assertEquals("gpu07", env.masterAddr());
    assertEquals(DistEnv.DEFAULT_PORT, env.masterPort());
  }

  @Test
  void slurmHostListsExpandAsScontrolDoes() {
    assertEquals("node03", DistEnv.firstHost("node[03-05,9],gpu1"));
    assertEquals("a", DistEnv.firstHost("a,b[1-2]"));
    assertEquals("rack1-n12x", DistEnv.firstHost("rack1-n[12,14]x"));
    assertEquals("solo", DistEnv.firstHost("solo"));
  }

  @Test
  void noneIsOneProcess() {
    assertEquals(DistInfo.SINGLE, DistEnv.read("none", Map.of("RANK", "3")).info());
  }
}
