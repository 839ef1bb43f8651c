/// The default suite, identical to experiments/showdown.toml (a test checks it byte for byte):
/// `sweetspot run` with no file runs this, so the tool works from any folder.
enum DefaultSuite {
  static let file = "experiments/showdown.toml"
  static let text = """
# The default suite: `sweetspot run` with no file runs exactly this (it is built into the binary).
name = "showdown"
description = "All seven preset strategies, from the bare floor to delight, in the competitive market."
question = "Which service strategy earns the most over two years in a competitive market, and what does each do to customers and employees?"
seed = 2026
trials = 40
weeks = 104
markets = ["competitive"]
strategies = ["just-good-enough", "good-enough", "strategic", "good-to-great", "win4", "price-leader", "minimal"]
baseline = "good-enough"

[population]
size = 10000   # simulated customers
scale = 25     # real customers each stands for

"""
}
