" Terms contracts: the pay terms of labor contracts, for the `terms` program
autocmd BufNewFile,BufRead *.terms setfiletype terms
