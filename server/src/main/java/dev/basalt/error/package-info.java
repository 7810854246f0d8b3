/**
 * The one error type that reaches the wire ({@link dev.basalt.error.ApiException}) and the field
 * errors it carries. A leaf: every package may use it, it uses no other Basalt package.
 */
package dev.basalt.error;
