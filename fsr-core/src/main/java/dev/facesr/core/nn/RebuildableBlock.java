package dev.facesr.core.nn;

import ai.djl.nn.Block;
import java.util.Map;

/**
 * A block that can report the builder arguments that rebuild it. The map holds only
 * JSON-friendly values (numbers, strings, booleans, lists of those) and every setting, so
 * {@code X.builder().fromArguments(x.arguments()).build()} builds an identical block (same
 * parameter layout; load the parameters to get the same outputs).
 */
public interface RebuildableBlock extends Block {

    /**
     * Returns the builder arguments of this block.
     *
     * @return an unmodifiable, ordered map from argument name to a JSON-friendly value
     */
    Map<String, Object> arguments();
}
