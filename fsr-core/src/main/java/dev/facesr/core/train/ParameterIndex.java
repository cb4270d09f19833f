package dev.facesr.core.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every parameter of a run's named blocks a stable name, {@code blockName/parameterPath}
 * (the path is DJL's hierarchical parameter key). Names are the same in every process that builds
 * the same blocks, so optimizer state and checkpoints can be matched after a restart.
 */
public final class ParameterIndex {

    private final Map<Parameter, String> names = new IdentityHashMap<>();
    private final Map<String, Block> blocks;

    private ParameterIndex(Map<String, Block> blocks) {
        this.blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            for (Pair<String, Parameter> p : e.getValue().getParameters()) {
                names.putIfAbsent(p.getValue(), e.getKey() + "/" + p.getKey());
            }
        }
    }

    /**
     * Indexes the parameters of the given named blocks; a parameter shared by two blocks keeps the
     * name from the first block.
     *
     * @param blocks blocks by name, in a stable order
     * @return the index
     */
    public static ParameterIndex of(Map<String, Block> blocks) {
        return new ParameterIndex(blocks);
    }

    /**
     * Returns the named blocks.
     *
     * @return an unmodifiable map, in registration order
     */
    public Map<String, Block> getBlocks() {
        return blocks;
    }

    /**
     * Makes the group of all parameters of a network.
     *
     * @param network a block whose parameters all belong to named blocks
     * @param what how to call the network in an error message, e.g. "stage 'gan' generator"
     * @return the group, in the network's parameter order
     * @throws IllegalArgumentException if some parameters belong to no named block
     */
    public ParameterGroup group(Block network, String what) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            String name = names.get(p.getValue());
            if (name == null) {
                missing.add(p.getKey());
            } else {
                params.putIfAbsent(name, p.getValue());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + " has parameters that belong to no named"
                    + " block " + missing + "; register the block that owns them with"
                    + " TrainingRun.Builder.addBlock so they are checkpointed (named blocks: "
                    + blocks.keySet() + ")");
        }
        return new ParameterGroup(params);
    }
}
