"""The demo: the nine experiments of the letter to parliament as two deliveries."""
