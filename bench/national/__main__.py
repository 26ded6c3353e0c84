from bench.national import main

main()
