import Foundation

/// Runs two independent steps of one picture at the same time, one on each core, and
/// returns what each gave: its value or its error, so that a step run ahead of need and then
/// not used cannot fail the picture. The pipeline is a chain of steps on a single picture;
/// where two of them need only what is already known, the second core, idle until the
/// digits are classified, takes one. Results are the same as one after the other.
func sideBySide<A, B>(_ first: () throws -> A, _ second: () throws -> B) -> (Result<A, Error>, Result<B, Error>) {
    var a: Result<A, Error>?, b: Result<B, Error>?
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            // Each iteration writes only its own result; both are read after both are done.
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { a = Result(catching: first) } else { b = Result(catching: second) }
            }
        }
    }
    return (a!, b!)
}
