import sys

if "--corpus" in sys.argv[1:]:
    from bench.corpus_mode import main as corpus_main

    corpus_main([a for a in sys.argv[1:] if a != "--corpus"])
else:
    from bench.run import main

    main()
