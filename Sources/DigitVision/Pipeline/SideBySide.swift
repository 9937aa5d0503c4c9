import Foundation

/// Runs two independent steps of one picture at the same time, one on each core, and
/// returns both results (or the first error). The pipeline is a chain of steps on a single
/// picture; where two of them need only what is already known, the second core, idle until
/// the digits are classified, takes one of them. Results are the same as one after the other.
func sideBySide<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
    var a: Result<A, Error>?, b: Result<B, Error>?
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { a = Result(catching: first) } else { b = Result(catching: second) }
            }
        }
    }
    return (try a!.get(), try b!.get())
}
