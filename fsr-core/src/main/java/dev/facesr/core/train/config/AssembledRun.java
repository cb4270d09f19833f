package dev.facesr.core.train.config;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import dev.facesr.core.train.TrainingRun;
import java.util.Map;

/**
 * A configuration turned into objects: the run builder (add observers, then build) and the
 * named components it was made of.
 *
 * @param builder the run builder, with blocks, schedule, checkpointing and logging set
 * @param blocks the named blocks
 * @param losses the named losses
 * @param degradations the named degradations
 * @param data the named datasets
 */
public record AssembledRun(TrainingRun.Builder builder, Map<String, Block> blocks,
        Map<String, Loss> losses, Map<String, Object> degradations, Map<String, Dataset> data) {}
