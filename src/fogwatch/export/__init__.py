"""fogwatch.export"""
