package dev.facesr.core.components;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.facesr.core.nn.role.Decoder;
import dev.facesr.core.nn.role.Discriminator;
import dev.facesr.core.nn.role.Encoder;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.core.nn.role.Regressor;
import dev.facesr.core.train.config.Registry;

/**
 * The role blocks, built with their builders' {@code fromArguments} (same argument names), and
 * {@code last-output}, a parameter-free block that keeps only the last array of its input (e.g.
 * a regressor's final stage, to feed a decoder).
 */
final class BlockComponents {

    private BlockComponents() {}

    static void register(Registry<Block> blocks) {
        blocks.register("encoder", a -> Encoder.builder().fromArguments(a.takeAll()).build());
        blocks.register("decoder", a -> Decoder.builder().fromArguments(a.takeAll()).build());
        blocks.register("regressor",
                a -> Regressor.builder().fromArguments(a.takeAll()).build());
        blocks.register("generator",
                a -> Generator.builder().fromArguments(a.takeAll()).build());
        blocks.register("discriminator",
                a -> Discriminator.builder().fromArguments(a.takeAll()).build());
        blocks.register("last-output", a -> new LambdaBlock(
                list -> new NDList(list.get(list.size() - 1)), "last-output"));
    }
}
