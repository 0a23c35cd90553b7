/**
 * MMEngine's {@code mmengine.dist}: how a process learns its place in a run ({@link DistEnv}, from
 * torchrun's or SLURM's variables, as {@code init_dist(launcher)} reads them) and joins it
 * ({@link DistContext}, on tf-models' {@code distributed} cluster).
 */
package io.posekit.runtime.engine.dist;
