// DigitVision: Swift owners of bridge handles and the photo pipeline.
import CBridge
