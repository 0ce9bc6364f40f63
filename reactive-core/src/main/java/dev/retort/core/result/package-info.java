/** Results and rows: {@link dev.retort.core.result.Result} and {@link dev.retort.core.result.Row}. */
@NullMarked
package dev.retort.core.result;

import org.jspecify.annotations.NullMarked;
