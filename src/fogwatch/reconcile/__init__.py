"""fogwatch.reconcile"""
