from plantar.cli import main

main()
