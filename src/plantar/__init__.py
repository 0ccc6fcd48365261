"""plantar: a foot-massage companion, honest about evidence.

Data flows one way: knowledge -> safety -> planner -> guide, with footmap and practice beside
them and the cli and web adapters on top (see DESIGN.md).
"""

__version__ = "0.1.0"
